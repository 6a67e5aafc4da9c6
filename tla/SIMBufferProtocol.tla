------------------------- MODULE SIMBufferProtocol -------------------------
(***************************************************************************)
(* Random simulation of the buffer protocol (CCF's SIMccfraft style): the  *)
(* richest zoo of exporters, three consumers, random behaviours of bounded *)
(* depth, every invariant checked on every state.  Used to generate        *)
(* behaviours, not to prove anything (bufspec.gen renders logs from        *)
(* GENBufferProtocol.tla):                                                 *)
(*                                                                         *)
(*   tla/run.sh tla/SIMBufferProtocol.cfg -simulate num=1000 -depth 60     *)
(***************************************************************************)
EXTENDS MCBufferProtocol

\* Depth bound for runs that forget -depth (TLC's default depth is 100).
SIMDepth == 60
SIMConstraint == MCConstraint /\ TLCGet("level") <= SIMDepth
=============================================================================
