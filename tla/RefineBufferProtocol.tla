------------------------ MODULE RefineBufferProtocol ------------------------
(***************************************************************************)
(* The free-threaded spec refines the GIL spec.                            *)
(*                                                                          *)
(* GIL is BufferProtocol with FreeThreaded FALSE and the correct           *)
(* implementation (Bug "none"): every getbuffer and every releasebuffer is *)
(* one step.  The refinement mapping hides what a thread has in flight:    *)
(* GIL's pc is Idle for every thread, every other variable is the free-    *)
(* threaded spec's own.  This works because the free-threaded first steps *)
(* (AcquireStart, ReleaseStart) change only pc, and the second steps       *)
(* (AcquireFinish, ReleaseFinish) make the whole change of Acquire and     *)
(* Release, taking the canonical pool entry NextAcq only then.  So         *)
(* RefinesGIL holds when every second step is a step of GIL's Acquire or   *)
(* Release in the state where it happens: nothing another thread did since *)
(* the first step (a count, a resize, a release() of a memoryview) made    *)
(* what it read stale.  A variant with a missing lock or a lost update     *)
(* fails it at the second step, which TLC's counterexample names.          *)
(* What this proves and what it does not: docs/model.md, "Free-threaded    *)
(* CPython".                                                               *)
(***************************************************************************)
EXTENDS MCBufferProtocol

GILpc == [c \in Consumers |-> Idle]

GIL == INSTANCE BufferProtocol WITH FreeThreaded <- FALSE, Bug <- "none", pc <- GILpc

RefinesGIL == GIL!Spec
=============================================================================
