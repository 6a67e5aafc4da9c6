------------------------ MODULE TraceBufferProtocol ------------------------
(***************************************************************************)
(* Trace validation by TLC (issue 5): TLC replays bufspec-trace logs and  *)
(* judges them by the properties of BufferProtocol, under their names.    *)
(*                                                                         *)
(* Pattern of CCF's Traceccfraft.tla / etcd's Traceetcdraft.tla: a log    *)
(* index l, one IsX action per event kind that consumes the log line l,  *)
(* and a TraceView.  Several logs (independent slices of one process: an *)
(* exporter incarnation with its chain/redirect partners) are checked in *)
(* one TLC run, one initial state per slice (slice index s).             *)
(*                                                                         *)
(* The state has two layers.                                               *)
(*                                                                         *)
(* 1. BufferProtocol itself.  Its variables are variables of this module  *)
(*    and BP(b, sl) INSTANCEs the spec for slice sl with implementation b *)
(*    (Bug <- b): the slice's objects are the Exporters 1..nobj, each with *)
(*    the type record the log shows (Logs[sl].ty), one consumer whose     *)
(*    structs are the slice's struct addresses plus a few hidden ones     *)
(*    (where an untraced memcpy put a view), and a pool as large as the   *)
(*    slice needs.  While the log follows the correct spec (follows), each *)
(*    event is matched by BufferProtocol's action for it, with the Bug =  *)
(*    "none" implementation, and what the event recorded (the change of   *)
(*    the reference count and of the export counter) must be what that   *)
(*    action does; steps the tracer cannot see (a struct copied away, the *)
(*    owner's reference dropped before a dealloc) are BufferProtocol's own *)
(*    CopyView and OwnerDrop, taken as separate steps without consuming a *)
(*    log line, and only when the next event needs them, so the walk stays *)
(*    a line.  Each property below is also BufferProtocol's invariant of  *)
(*    the same name, evaluated on this state.  An event the correct spec  *)
(*    cannot match while the rules below accept it is the step Unmatched, *)
(*    which breaks EventMatched: the engine reports that line as one no   *)
(*    step of the spec matches, and the rules judge the rest of the slice. *)
(*    Where the model layer stops (Unmatched, or the rules broke a        *)
(*    property), diag records the bug variants whose step (ModelStep(b),  *)
(*    the same operators with Bug <- b) matches the event: the engine     *)
(*    names them with the property each breaks (Diagnosis).               *)
(*    A managed buffer and the memoryviews registered on it are one      *)
(*    re-exporter of the model, named by the managed buffer (MO maps each *)
(*    log object to its model object): the acquire that fills the master  *)
(*    view (ev.mm names the managed buffer) is ReExportAcquireBase, the   *)
(*    release of that acquisition ReExportReleaseBase, and a memoryview's *)
(*    exports are the re-exporter's.  A slice the mapping does not cover  *)
(*    (a mid-run log, a managed buffer whose base the log does not show,  *)
(*    a view whose obj is not its exporter, a slice of over 16 objects:   *)
(*    Logs[sl].bp is FALSE; bufspec.exact.ModelMapping.Gap) is judged by  *)
(*    the rules alone, and so is the rest of a slice after its first      *)
(*    violation (follows becomes FALSE).                                  *)
(*                                                                         *)
(* 2. The observation rules: what a log shows that the model abstracts    *)
(*    (docs/model.md, section 6, maps each event to its actions):        *)
(*   live      the live acquisitions (BufferProtocol's acq entries with   *)
(*             st = "live"): obj, counter (cnt), struct, memory range,    *)
(*             internal and contents key (to match a release through a    *)
(*             CopyView, which memcpy makes invisible to the tracer);     *)
(*   base      the part of an export counter from before tracing (a log  *)
(*             attached mid-run), fixed at the counter's first reading;   *)
(*   holds     a managed buffer's export of its base (master), regs the  *)
(*             memoryviews registered on it.                             *)
(* Counters and reference counts are not free-running model values here:  *)
(* a log records their real values, which untraced code also changes, so *)
(* each reading is compared with what the live acquisitions require.     *)
(* These rules name the property an event breaks; they are the replay    *)
(* validator's rules, so that both engines can be compared event by event. *)
(*                                                                         *)
(* broken (GHOST) lists the properties the last event broke, in the order *)
(* the rules apply; each property below is an invariant that holds unless *)
(* it is the first the last event broke.  TLC runs with -continue, so the *)
(* walk goes on after a violation and every violating event is reported   *)
(* (state l names the event).  Data: every value of a log is an integer, *)
(* a boolean or a string from bufspec.exact.Vocabulary.  The logs come   *)
(* from module TraceLogs: bufspec generates one per TLC run next to      *)
(* copies of this module and BufferProtocol, defining Logs == LogsData,  *)
(* which TLC reads from a binary file through bufspec's operator override *)
(* (bufspec.exact.LogsData: SANY would parse a literal at ~1,500 events/s).*)
(* tla/TraceLogs.tla is a small literal example so that this module      *)
(* parses and runs on its own.                                           *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, TraceLogs

\* Logs (module TraceLogs): <<[midrun: BOOLEAN, nobj: Nat, ev: Seq(event record)], ...>>

(**************************************************************************)
(* The fields of Logs, as bufspec.exact.SliceEncoder writes them (names   *)
(* in bufspec.exact.Vocabulary.Field).  Every value is a number: objects  *)
(* are 1..nobj, structs (Py_buffer addresses) 1..nst, pointers and        *)
(* contents keys are numbered in order of first use; 0 is none or NULL.   *)
(*                                                                        *)
(* A slice, Logs[sl]:                                                     *)
(*   midrun  the log was attached mid-run (counters may predate it)       *)
(*   nobj    objects, nst structs, nptr handed-out shape/strides pointers *)
(*   ev      the events, in log order                                     *)
(*   bp      the model layer follows the slice (FALSE: rules only; the    *)
(*           reason is a bufspec.exact.ModelMapping.Gap)                  *)
(*   nhid    hidden structs (where an untraced memcpy may put a view)     *)
(*   pool    MaxViews of the instance; ty its ExpType: per object a type  *)
(*           record [kind, base, release, internal, shared, resizable,    *)
(*           readonly] as BufferProtocol's ExpType has them               *)
(*   mo      the model object of each object: a registered memoryview is  *)
(*           its managed buffer, every other object itself                *)
(*                                                                        *)
(* Every event, ev = Logs[sl].ev[l]:                                      *)
(*   k       the kind: "acquire", "release", "dealloc", "resize", "freed",*)
(*           "hold", "register", "unregister", "drop", "refuse", "footer" *)
(*   objs    the objects the event makes known (not a dealloc's; a drop's *)
(*           holder only)                                                 *)
(*   u       the type raises its counter without a Py_buffer (bytearray): *)
(*           a reading above the live views is tolerated (Quirks)         *)
(* acquire:                                                               *)
(*   ok      bf_getbuffer returned 0                                      *)
(*   exp     the object bf_getbuffer was called on                        *)
(*   o       view->obj after a success (0 after a failure)                *)
(*   c       the object whose export counter is reported (differs from o  *)
(*           for a redirect)                                              *)
(*   st      the struct                                                   *)
(*   hasRc, rcB, rcA   whether rc was read; its value before and after    *)
(*   hasEx, exB, exA   whether the counter was read; before and after     *)
(*   b, end  buf and buf + len, as ranks among the slice's addresses      *)
(*   key     the view's fields (buf, len, format, shape, ...) as one      *)
(*           number: how a release through a copy finds its acquisition   *)
(*   internal  view->internal (a pointer number)                          *)
(*   ho      handed-out pointers: shape/strides outside the struct        *)
(*   pv      the per-view resource: the handed-out pointer of a view      *)
(*           whose internal is NULL (0: none)                             *)
(*   sev     the type hands out several buffers to live views (_testbuffer*)
(*           ndarray after push: no "buf moved" check; Quirks)            *)
(*   ob, oa  view->obj before and after the call, as pointer numbers: a   *)
(*           failed acquire with oa # 0 /\ oa # ob set obj                *)
(*   mm      the managed buffer whose master view the acquire fills (0:   *)
(*           an ordinary acquire)                                         *)
(* release: o (view->obj), c, st, key, internal, hasRc/rcB/rcA (around    *)
(*   bf_releasebuffer), hasEx/exB/exA, and hasRb: the type has            *)
(*   bf_releasebuffer                                                     *)
(* dealloc: o, and hasEx, ex: the counter at the dealloc                  *)
(* resize:  o, ok, hasEx, ex (the counter at the attempt), and hasBuf, bb,*)
(*   ba: the buffer address before and after (pointer numbers)            *)
(* freed:   os, the objects (view->obj) of the views the tracer's memory  *)
(*   watch saw live under a block freed, moved or shrunk; o, the first    *)
(* chain:   holder (the managed buffer), base and st (hold, drop: the     *)
(*   base and the struct of the held export), mv (register, unregister,   *)
(*   refuse: the memoryview)                                              *)
(* footer:  fin, written after interpreter finalization                   *)
(***************************************************************************)

NoObj == 0

\* BufferProtocol's variables (see tla/BufferProtocol.tla)
VARIABLES alive, owned, rc, exports, gen, shared, master, view, acq, pc, obs, res, closed

bpVars == <<alive, owned, rc, exports, gen, shared, master, view, acq, pc, obs, res, closed>>

VARIABLES
    follows,   \* the slice is still a behaviour of the correct BufferProtocol
    aid,       \* [pool entry -> log line of the acquire it holds]: links the two layers
    s,         \* the slice being checked
    l,         \* index of the next log line of slice s
    live,      \* set of live acquisitions
    lastAt,    \* set of <<struct, acquisition id>>: the last acquisition into a
               \* struct, while it is live (how a release finds its view by address)
    fixed,     \* objects whose counter baseline is fixed
    base,      \* [fixed -> Int] counter baseline (exports from before tracing)
    holds,     \* set of [holder, base, st]: managed buffers holding a base export
    regs,      \* set of [holder, mv]: memoryviews registered on a managed buffer
    released,  \* memoryviews unregistered from their managed buffer (released)
    redirs,    \* set of <<o, c>>: redirect object o (a bytesiobuf) holds a reference to c
    dropped,   \* managed buffers that gave up the base export they held
    handed1,   \* shape/strides pointers outside the struct an object handed out
    handed2,   \*   (per-view resources): at least once, at least twice
    known,     \* objects the log has mentioned (and not forgotten after a dealloc)
    broken,    \* GHOST: the properties the last event broke, in rule order
    diag       \* GHOST: where the model layer stopped, the bug variants whose step
               \* matches that event (Diagnosis)

vars == <<s, l, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2, broken,
         diag, follows, aid, bpVars>>
TraceView == <<s, l, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2, Len(broken),
               follows, aid, bpVars>>

Log      == Logs[s].ev
MidRun   == Logs[s].midrun
ev       == Log[l]

-----------------------------------------------------------------------------
(***************************************************************************)
(* BufferProtocol, instanced for slice sl and implementation b.  Constants *)
(* of an instance must be constant expressions, so the slice is passed as  *)
(* a bound identifier: \E sl \in {s} : BP(b, sl)!A is BP(b, s)!A.          *)
(***************************************************************************)
NullObj == 0     \* BufferProtocol's Null (object ids start at 1)
NoType  == -1    \* BufferProtocol's NotExporter (the tracer only sees exporters)
Me      == 1     \* the one consumer: threads do not matter under the GIL

\* A slice the model layer does not follow (Logs[sl].bp is FALSE) instances
\* BufferProtocol with nothing in it, so that its state stays small: a whole
\* log checked as one slice names some 20,000 objects, and functions over
\* them in every state made TLC about 5x slower than the rules alone.
BPObjs(sl)  == IF Logs[sl].bp THEN 1..Logs[sl].nobj ELSE {}
BPSlots(sl) == IF Logs[sl].bp THEN Logs[sl].nst + Logs[sl].nhid ELSE 1
BPPool(sl)  == IF Logs[sl].bp THEN Logs[sl].pool ELSE 1
BPTypes(sl) == IF Logs[sl].bp THEN Logs[sl].ty ELSE <<>>

BP(b, sl) == INSTANCE BufferProtocol WITH
    Exporters <- BPObjs(sl), NotExporter <- NoType, Null <- NullObj,
    Consumers <- {Me}, NSlots <- BPSlots(sl), MaxViews <- BPPool(sl),
    ExpType <- BPTypes(sl), FreeThreaded <- FALSE, Bug <- b, Closable <- {},
    Version <- "3.13", Immortals <- {},   \* immortals: the rules do not judge their rc
    Discipline <- [o \in BPObjs(sl) |-> "critical"]   \* read only when FreeThreaded

\* the struct at the log's struct number st; hidden structs follow the log's
At(st)  == <<Me, st>>
\* the model object of log object x: a managed buffer and the memoryviews
\* registered on it are one re-exporter of the model, named by the managed
\* buffer (bufspec.exact.ModelMapping.Chains); any other object is itself
MO(x)   == IF x = NullObj THEN NullObj ELSE Logs[s].mo[x]
Hidden  == {At(Logs[s].nst + i) : i \in 1..Logs[s].nhid}
\* x is a memoryview of a managed buffer over raw memory (BufferProtocol's
\* memoryview on a "rawmbuf"; see StepRegister)
RawMemview(x) == x # NullObj /\ Logs[s].ty[x].kind = "memview"
\* BufferProtocol's counter of o, and the changes a step makes
CounterOfObj(o) == IF Logs[s].ty[o].kind = "redirect" THEN Logs[s].ty[o].base ELSE o
DRc(o)  == rc'[o] - rc[o]
DEx(c)  == exports'[c] - exports[c]
\* what the event recorded agrees with the step: reference count of o (dRc: its
\* change around the call the tracer measured) and export counter c
Agrees(o, dRc, c) ==
    /\ ev.hasRc => ev.rcA - ev.rcB = dRc
    /\ ev.hasEx => ev.exA - ev.exB = DEx(c)
\* the same, where code the tracer does not see may take references of its own
\* during the call (the model's rc counts the protocol's references only; one
\* more elsewhere endangers nothing, one fewer is the exporter's doing)
AgreesAtLeast(o, dRc, c) ==
    /\ ev.hasRc => ev.rcA - ev.rcB >= dRc
    /\ ev.hasEx => ev.exA - ev.exB = DEx(c)


\* the held struct whose bytes came from the acquisition of log line id
HoldingStruct(id) ==
    {t \in DOMAIN view : view[t].held /\ view[t].acq # 0 /\ aid[view[t].acq] = id}

-----------------------------------------------------------------------------
(* Steps the tracer cannot see, taken only when the next event needs them. *)

(* The next acquire goes into a struct that still holds a view: the        *)
(* consumer had copied that struct elsewhere (memcpy) and the copy is now  *)
(* the one responsible for the release (BufferProtocol!CopyView to a      *)
(* hidden struct, ownership moved to the copy).                           *)
UntracedCopyAway ==
    /\ follows /\ Len(broken) <= 1 /\ l <= Len(Log) /\ ev.k = "acquire"
    /\ view[At(ev.st)].held
    /\ \E h \in Hidden :
         /\ ~view[h].held
         /\ \A g \in Hidden : ~view[g].held => h[2] <= g[2]
         /\ \E sl \in {s} : BP("none", sl)!CopyView(Me, At(ev.st), h)
         /\ view'[h].held
    /\ UNCHANGED <<s, l, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2,
                   broken, diag, follows, aid>>

(* The next event deallocates o: its owner dropped its reference first     *)
(* (BufferProtocol!OwnerDrop).                                             *)
UntracedOwnerDrop ==
    /\ follows /\ Len(broken) <= 1 /\ l <= Len(Log) /\ ev.k = "dealloc"
    /\ MO(ev.o) = ev.o /\ owned[ev.o]
    /\ \E sl \in {s} : BP("none", sl)!OwnerDrop(ev.o)
    /\ UNCHANGED <<s, l, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2,
                   broken, diag, follows, aid>>

(* The next event deallocates a managed buffer over raw memory while a      *)
(* memoryview on it is alive in the model: the memoryview's tp_dealloc      *)
(* (memory_dealloc, Objects/memoryobject.c) drops the last reference to the *)
(* managed buffer with Py_CLEAR(self->mbuf), so the managed buffer's       *)
(* dealloc runs inside the memoryview's, and the tracer, which writes an   *)
(* object's dealloc when its tp_dealloc returns, logs the memoryview's     *)
(* after it.  The memoryview's OwnerDrop and Dealloc come first, here; its *)
(* own dealloc event is then a step that changes nothing (StepDealloc).    *)
UntracedMemviewDealloc ==
    /\ follows /\ Len(broken) <= 1 /\ l <= Len(Log) /\ ev.k = "dealloc"
    /\ ev.o \in BPObjs(s) /\ Logs[s].ty[ev.o].kind = "rawmbuf"
    /\ \E v \in BPObjs(s) :
         /\ Logs[s].ty[v].kind = "memview" /\ Logs[s].ty[v].base = ev.o /\ alive[v]
         /\ \E sl \in {s} : IF owned[v] THEN BP("none", sl)!OwnerDrop(v) ELSE BP("none", sl)!Dealloc(v)
    /\ UNCHANGED <<s, l, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2,
                   broken, diag, follows, aid>>

-----------------------------------------------------------------------------
(* Derived facts.                                                          *)

AsObj(o)     == Cardinality({v \in live : v.o = o})
AsCounter(c) == Cardinality({v \in live : v.c = c})
HeldAsBase(o) == Cardinality({h \in holds : h.base = o})
OtherRegs(o) == Cardinality({r \in regs : r.holder = o /\ r.mv # o})
\* live redirect objects holding a reference to o
Redirected(o) == Cardinality({p \in redirs : p[2] = o})
Overlap(v, b, end) == b < v.end /\ v.b < end
LiveAt(st) == {v \in live : <<st, v.id>> \in lastAt}
  
\* A counter reading taken before an event against the live acquisitions
\* counted on c plus the baseline (mid-run only).  u: the type raises its
\* counter internally without a Py_buffer (bytearray): readings above are
\* tolerated.  Result: the violation and the baseline from now on.
CounterBefore(c, observed, u) ==
    LET t == AsCounter(c) IN
    IF c \notin fixed /\ MidRun
    THEN [v |-> observed < t, b |-> IF observed < t THEN 0 ELSE observed - t]
    ELSE LET b0 == IF c \in fixed THEN base[c] ELSE 0 IN
         IF observed = t + b0 \/ (observed > t + b0 /\ u)
         THEN [v |-> FALSE, b |-> b0]
         ELSE [v |-> TRUE, b |-> observed - t]

NoCheck(c) == [v |-> FALSE, b |-> IF c \in fixed THEN base[c] ELSE 0]

\* base is kept over fixed only (a function over every object of a slice would be
\* copied by each event and fingerprinted in each state); x gets v.
Rebase(x, v, fx) == [y \in fx |-> IF y = x THEN v ELSE base[y]]

\* broken, in rule order, from a sequence of <<condition, property>> pairs
Broken(rules) == [i \in 1..Len(SelectSeq(rules, LAMBDA r : r[1]))
                     |-> SelectSeq(rules, LAMBDA r : r[1])[i][2]]

\* every event but dealloc makes the objects it names known (ev.objs)
IsEvent(k) == Len(broken) <= 1 /\ l <= Len(Log) /\ ev.k = k /\ l' = l + 1

\* An event that broke several properties: one state per property, so that
\* TLC names each (the first is judged on the event's own state).
NextBroken == Len(broken) > 1 /\ broken' = Tail(broken)
              /\ UNCHANGED <<s, l, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2,
                             diag, follows, aid, bpVars>>

Touch == known' = known \cup ev.objs

-----------------------------------------------------------------------------
(* The correct spec's step for each event kind (the model layer).          *)

\* BufferProtocol!Acquire of the exporter's model object into the struct; the
\* pool entry it takes is linked to this log line.  Reference count +1,
\* counter +1 (when the type has one).  The acquire that fills a managed
\* buffer's master view (ev.mm: the managed buffer) is
\* BufferProtocol!ReExportAcquireBase of that re-exporter.
StepAcquire(b) ==
    /\ \E sl \in {s} :
         /\ IF ev.mm = 0 THEN BP(b, sl)!Acquire(Me, At(ev.st), MO(ev.o), FALSE)
                          ELSE BP(b, sl)!ReExportAcquireBase(ev.mm)
         /\ aid' = [aid EXCEPT ![BP(b, sl)!NextAcq] = l]
    /\ Agrees(MO(ev.o), DRc(MO(ev.o)), CounterOfObj(MO(ev.o)))

\* BufferProtocol!Refuse (a request the type cannot meet: w = TRUE);
\* view->obj cleared, left as it was, or set (oa: a new non-NULL value), as
\* the log shows; the consumer holds the struct only when the call returned
\* 0 (ev.ok: a getbuffer that fails and reports success, which only the bug
\* variant GetbufferIgnoresFillInfoError does).
StepRefuse(b) ==
    /\ \E sl \in {s} : BP(b, sl)!Refuse(Me, At(ev.st), MO(ev.exp), TRUE)
    /\ view'[At(ev.st)].held = ev.ok
    /\ view'[At(ev.st)].obj = CASE ev.oa = 0     -> NullObj
                               [] ev.oa = ev.ob -> view[At(ev.st)].obj
                               [] OTHER         -> MO(ev.exp)
    /\ Agrees(MO(ev.exp), DRc(MO(ev.exp)), CounterOfObj(MO(ev.exp)))
    /\ UNCHANGED aid

\* BufferProtocol!Release of the struct that holds the acquisition of log line
\* id (the struct passed, or the copy the consumer released it through); a
\* managed buffer giving up its master view is ReExportReleaseBase of the
\* re-exporter whose master holds that acquisition.  The reference count is
\* read around bf_releasebuffer, before step (c)'s DECREF.
StepRelease(b, id) ==
    /\ IF \E m \in DOMAIN master : master[m].a # 0 /\ aid[master[m].a] = id
       THEN \E m \in DOMAIN master, sl \in {s} :
              /\ master[m].a # 0 /\ aid[master[m].a] = id
              /\ BP(b, sl)!ReExportReleaseBase(m)
       ELSE \E t \in HoldingStruct(id), sl \in {s} : BP(b, sl)!Release(Me, t)
    /\ AgreesAtLeast(MO(ev.o), DRc(MO(ev.o)) + 1, CounterOfObj(MO(ev.o)))
    /\ UNCHANGED aid

\* BufferProtocol!Dealloc (after the untraced OwnerDrop); a memoryview's
\* dealloc is its managed buffer's bookkeeping (which goes after it).
StepDealloc(b) ==
    IF MO(ev.o) # ev.o THEN UNCHANGED <<aid, bpVars>>
    \* a memoryview whose Dealloc came before its managed buffer's (UntracedMemviewDealloc)
    ELSE IF ev.o \in BPObjs(s) /\ RawMemview(ev.o) /\ ~alive[ev.o] THEN UNCHANGED <<aid, bpVars>>
    ELSE /\ \E sl \in {s} : BP(b, sl)!Dealloc(ev.o)
         /\ UNCHANGED aid

\* BufferProtocol!Resize when the memory moved; a refused resize, or one that
\* kept the memory in place, changes nothing the model tracks.
StepResize(b) ==
    IF ev.ok /\ (~ev.hasBuf \/ ev.bb # ev.ba)
    THEN /\ \E sl \in {s} : BP(b, sl)!Resize(MO(ev.o))
         /\ UNCHANGED aid
    ELSE UNCHANGED <<aid, bpVars>>

\* Memory under views of o freed or moved (the memory watch): when none of
\* them is live (the rules found nothing), BufferProtocol!Resize of o's model
\* object, the action that moves an exporter's memory; where the model cannot
\* move it (a chain's or a redirect's memory is its base's; an object its
\* owner no longer reaches) the step changes nothing the model tracks.
StepFreed(b) ==
    IF Logs[s].ty[MO(ev.o)].resizable /\ \E sl \in {s} : ENABLED BP(b, sl)!Resize(MO(ev.o))
    THEN /\ \E sl \in {s} : BP(b, sl)!Resize(MO(ev.o))
         /\ UNCHANGED aid
    ELSE UNCHANGED <<aid, bpVars>>

\* memoryview.release() refused: ReExportRefuseRelease while it has exports;
\* a refusal without a reason changes nothing either, a stuttering step, which
\* every behaviour of the spec may take.
StepRefuseRelease(b) ==
    /\ \/ \E sl \in {s} : BP(b, sl)!ReExportRefuseRelease(MO(ev.mv))
       \/ UNCHANGED bpVars
    /\ UNCHANGED aid

\* The managed buffer's bookkeeping (hold, register, unregister, drop): the
\* model's re-exporter does it inside ReExportAcquireBase / ReleaseBase.
StepChainBookkeeping == UNCHANGED <<aid, bpVars>>

\* A memoryview over raw memory (its managed buffer, holder, is BufferProtocol's
\* "rawmbuf": the log shows no base filling its master view) is BufferProtocol's
\* memoryview: its registration (at its first export, as the tracer sees it)
\* is MemoryviewFromMemory when it is the managed buffer's first memoryview,
\* else MemviewRegister of a sibling; its unregistration (release() or the
\* _memory_release of its dealloc) is MemviewRelease.  A memoryview of a
\* managed buffer with a base is bookkeeping of the model's re-exporter.
StepRegister(b) ==
    IF RawMemview(ev.mv)
    THEN /\ \E sl \in {s} : BP(b, sl)!MemoryviewFromMemory(ev.mv) \/ BP(b, sl)!MemviewRegister(ev.mv)
         /\ UNCHANGED aid
    ELSE StepChainBookkeeping
StepUnregister(b) ==
    IF RawMemview(ev.mv)
    THEN /\ \E sl \in {s} : BP(b, sl)!MemviewRelease(ev.mv)
         /\ UNCHANGED aid
    ELSE StepChainBookkeeping

\* The managed buffer gives up its base (drop): bookkeeping, the release of
\* its master view that follows is BufferProtocol!ReExportReleaseBase (or
\* the GC's GcClear), which implementation b must allow now, when the model's
\* re-exporter holds its base (a drop the log shows no hold for is only
\* bookkeeping).
StepDrop(b) ==
    /\ StepChainBookkeeping
    /\ LET m == MO(ev.holder) IN
       m # NullObj /\ Logs[s].ty[m].kind = "reexport" /\ master[m].st = "holding" =>
         \E sl \in {s} : ENABLED (BP(b, sl)!ReExportReleaseBase(m) \/ BP(b, sl)!GcClear(m))

\* No step of the correct spec matches.
StepNone == FALSE

\* The live acquisition a release event releases: the last acquisition into the
\* struct passed, unless the struct was overwritten by a copy of another live
\* view: then the contents name that view (contents that match no live view
\* stay with the address); none (ReleaseFound = {}): released twice, or never
\* acquired.
ReleaseAtSt == {v \in LiveAt(ev.st) : v.o = ev.o}
ReleaseLike == {v \in live : v.o = ev.o /\ v.key = ev.key}
ReleaseByAddress ==
    ReleaseAtSt # {} /\ ~((\A v \in ReleaseAtSt : v.key # ev.key) /\ ReleaseLike # {})
ReleaseFound == IF ReleaseByAddress THEN ReleaseAtSt ELSE ReleaseLike
ReleaseMatch == CHOOSE v \in ReleaseFound : \A w \in ReleaseFound : v.id <= w.id

(***************************************************************************)
(* Diagnosis.  The step of implementation b (BufferProtocol's Bug) for the *)
(* next event, from the state the correct spec reached: the one operator   *)
(* per event kind above, with b for "none".  Where the correct spec has no *)
(* step for an event (the rules broke a property, or Unmatched), diag      *)
(* records which bug variants have one: the event is the behaviour of     *)
(* those variants.  A variant whose wrong step leaves nothing in the log   *)
(* (the consumer's bookkeeping, a copy, a use, shared memory the log does  *)
(* not show) has no step here that the correct spec lacks, and is not     *)
(* named; the engine says so.  ENABLED is evaluated only where the model   *)
(* layer stops, once per slice.                                            *)
(***************************************************************************)
Correct == "none"
Variants == {b \in UNION {BP(Correct, sl)!Bugs : sl \in {s}} : b # Correct}

ModelStep(b) ==
    CASE ev.k = "acquire" /\ ev.ok /\ ev.o # NoObj -> StepAcquire(b)
      [] ev.k = "acquire"                          -> StepRefuse(b)
      [] ev.k = "release"  -> ReleaseFound # {} /\ StepRelease(b, ReleaseMatch.id)
      [] ev.k = "dealloc"  -> StepDealloc(b)
      [] ev.k = "resize"   -> StepResize(b)
      [] ev.k = "freed"    -> StepFreed(b)
      [] ev.k = "refuse"   -> StepRefuseRelease(b)
      [] ev.k = "drop"     -> StepDrop(b)
      [] ev.k = "register" -> StepRegister(b)
      [] ev.k = "unregister" -> StepUnregister(b)
      [] OTHER             -> StepChainBookkeeping    \* chain bookkeeping, footer

\* at: the log index of the event; correct: the correct spec has a step for it
\* (only the observation rules found it wrong); variants: the bug variants that
\* have a step for it where the correct spec has none
NoDiag == [at |-> 0, correct |-> FALSE, variants |-> {}]
Diagnosis ==
    IF ENABLED ModelStep(Correct) THEN [at |-> l, correct |-> TRUE, variants |-> {}]
    ELSE [at |-> l, correct |-> FALSE, variants |-> {b \in Variants : ENABLED ModelStep(b)}]

\* The correct spec's step for an event (A), taken while the slice follows it
\* and the rules find nothing wrong; otherwise the model layer stops here.
Follow(A) ==
    IF follows /\ broken' = <<>>
    THEN A /\ follows' = TRUE /\ diag' = NoDiag
    ELSE /\ follows' = FALSE
         /\ diag' = IF follows THEN Diagnosis ELSE NoDiag
         /\ UNCHANGED <<aid, bpVars>>
NoModelStep == UNCHANGED <<follows, aid, bpVars>>

-----------------------------------------------------------------------------
(* acquire ok: AcquireCheck .. AcquireReturn (BufferProtocol!Acquire).     *)
IsAcquireOk ==
    /\ IsEvent("acquire") /\ ev.ok
    /\ follows => ~view[At(ev.st)].held
    /\ Touch
    /\ IF ev.o = NoObj
       THEN \* success reported with view->obj NULL
            LET x == IF ev.hasEx THEN ev.exA - AsCounter(ev.c) ELSE 0 IN
            /\ broken' = <<"FailedAcquireLeavesNoTrace">>
            /\ fixed' = IF ev.hasEx THEN fixed \cup {ev.c} ELSE fixed
            /\ base' = IF ev.hasEx THEN Rebase(ev.c, x, fixed') ELSE base
            /\ UNCHANGED <<s, live, lastAt, holds, regs, released, redirs, dropped, handed1, handed2>>
       ELSE
        LET o  == ev.o
            c  == ev.c
            rcBad == ev.hasRc /\ o = ev.exp /\ (ev.rcA # ev.rcB + 1 \/ ev.rcB < AsObj(o))
            \* a released memoryview exports again, or one whose managed buffer has
            \* dropped its base: it holds no base any more
            unheld == /\ o = ev.exp
                      /\ \/ o \in released
                         \/ \E r \in regs : r.mv = o /\ r.holder \in dropped
            cb == IF ev.hasEx THEN CounterBefore(c, ev.exB, ev.u) ELSE NoCheck(c)
            dBad == ev.hasEx /\ ev.exA - ev.exB # 1
            b2 == IF dBad THEN ev.exA - 1 - AsCounter(c) ELSE cb.b
            \* empty buffers (len 0) point at nothing
            dangling == ~ev.sev /\ ev.b < ev.end
                        /\ \E v \in live : v.c = c /\ v.b < v.end /\ ~Overlap(v, ev.b, ev.end)
            new == [id |-> l, o |-> o, c |-> c, st |-> ev.st, b |-> ev.b, end |-> ev.end,
                    key |-> ev.key, internal |-> ev.internal, pv |-> ev.pv]
        IN /\ broken' = Broken(<< <<rcBad, "RefCountCoversReferences">>,
                                  <<unheld, "ReExporterHoldsBase">>,
                                  <<cb.v, "ExportCountMatchesViews">>,
                                  <<dBad, "ExportCountMatchesViews">>,
                                  <<dangling, "NoDanglingView">> >>)
           /\ fixed' = IF ev.hasEx THEN fixed \cup {c} ELSE fixed
           /\ base' = Rebase(c, b2, fixed')
           /\ live' = live \cup {new}
           /\ lastAt' = {x \in lastAt : x[1] # ev.st} \cup {<<ev.st, l>>}
           /\ handed1' = handed1 \cup ev.ho
           /\ handed2' = handed2 \cup (ev.ho \cap handed1)
           \* a redirect (bytesiobuf) holds a reference to its root from its first view
           /\ redirs' = IF c # o /\ ~\E p \in redirs : p[1] = o THEN redirs \cup {<<o, c>>} ELSE redirs
           /\ UNCHANGED <<s, holds, regs, released, dropped>>
    /\ Follow(StepAcquire(Correct))

(* acquire failed: AcquireRefuse; FailedAcquireLeavesNoTrace.              *)
IsAcquireFailed ==
    /\ IsEvent("acquire") /\ ~ev.ok
    /\ follows => ~view[At(ev.st)].held
    /\ Touch
    /\ LET c  == ev.c
           cb == IF ev.hasEx THEN CounterBefore(c, ev.exB, ev.u) ELSE NoCheck(c)
           objSet == ev.oa # 0 /\ ev.oa # ev.ob
           counted == ~objSet /\ ev.hasEx /\ ev.exA # ev.exB
           refd == ~objSet /\ ~counted /\ ev.hasRc /\ ev.rcA # ev.rcB
       IN /\ broken' = Broken(<< <<cb.v, "ExportCountMatchesViews">>,
                                 <<objSet \/ counted \/ refd, "FailedAcquireLeavesNoTrace">> >>)
          /\ fixed' = IF ev.hasEx THEN fixed \cup {c} ELSE fixed
          /\ base' = Rebase(c, IF counted THEN ev.exA - AsCounter(c) ELSE cb.b, fixed')
          /\ UNCHANGED <<s, live, lastAt, holds, regs, released, redirs, dropped, handed1, handed2>>
    /\ Follow(StepRefuse(Correct))

-----------------------------------------------------------------------------
(* The holder of the base export in struct st gives it up (chain drop, or *)
(* the release of that struct): ReExporterHoldsBase.                       *)
GiveUp(st, b, lv) ==
    LET hs == {h \in holds : h.st = st /\ h.base = b} IN
    IF hs = {} THEN [bad |-> FALSE, holds |-> holds, dropped |-> dropped]
    ELSE LET h == CHOOSE x \in hs : TRUE
             own == Cardinality({v \in lv : v.o = h.holder})
             mvs == {r.mv : r \in {r \in regs : r.holder = h.holder}}
         IN [bad |-> own > 0 \/ \E m \in mvs : \E v \in lv : v.o = m,
             holds |-> holds \ {h}, dropped |-> dropped \cup {h.holder}]

(* release: ReleaseReadObj, ReleaseCallReleaseBuffer, ReleaseClearObj,    *)
(* after an untraced CopyView when the struct passed is a copy.            *)
IsRelease ==
    /\ IsEvent("release")
    /\ Touch
    /\ LET o  == ev.o
           c  == ev.c
           byAddress == ReleaseByAddress
           found == ReleaseFound
           match == ReleaseMatch
           rcBad == ev.hasRc /\ (ev.rcA < ev.rcB \/ ev.rcB < AsObj(o))
           cb == IF ev.hasEx THEN CounterBefore(c, ev.exB, ev.u) ELSE NoCheck(c)
       IN IF found # {}
          THEN LET dBad == ev.hasEx /\ ev.exA - ev.exB # (IF ev.hasRb THEN -1 ELSE 0)
                   \* a copy released: found by internal only; per-view resources
                   \* handed out with internal NULL cannot be found by the copy
                   intBad == IF byAddress THEN ev.internal # match.internal
                             ELSE ev.hasRb /\ match.pv # 0 /\ match.pv \notin handed2
                   lv2 == live \ {match}
                   gu == GiveUp(match.st, o, live)
               IN /\ broken' = Broken(<< <<rcBad, "RefCountCoversReferences">>,
                                         <<cb.v, "ExportCountMatchesViews">>,
                                         <<dBad, "ExportCountMatchesViews">>,
                                         <<intBad, "ReleaseSeesOwnInternal">>,
                                         <<gu.bad, "ReExporterHoldsBase">> >>)
                  /\ fixed' = IF ev.hasEx THEN fixed \cup {c} ELSE fixed
                  /\ base' = Rebase(c, IF dBad THEN ev.exA + 1 - AsCounter(c) ELSE cb.b, fixed')
                  /\ live' = lv2
                  /\ holds' = gu.holds
                  /\ dropped' = gu.dropped
                  /\ lastAt' = lastAt \ {<<match.st, match.id>>}
                  /\ UNCHANGED <<s, regs, released, redirs, handed1, handed2>>
                  /\ Follow(StepRelease(Correct, match.id))
          ELSE LET \* a view acquired before a mid-run attach (judged after the reading)
                   beforeTracing == MidRun /\ (~ev.hasEx \/ cb.b > 0)
                   cb0 == IF ~ev.hasEx THEN cb
                          ELSE IF beforeTracing /\ cb.b > 0 /\ ev.exA - ev.exB = -1
                          THEN [v |-> cb.v, b |-> cb.b - 1]
                          ELSE [v |-> cb.v, b |-> ev.exA - AsCounter(c)]
               IN /\ broken' = Broken(<< <<rcBad, "RefCountCoversReferences">>,
                                         <<cb.v, "ExportCountMatchesViews">>,
                                         <<~beforeTracing, "ReleasedAtMostOnce">> >>)
                  /\ fixed' = IF ev.hasEx THEN fixed \cup {c} ELSE fixed
                  /\ base' = Rebase(c, cb0.b, fixed')
                  /\ UNCHANGED <<s, live, lastAt, holds, regs, released, redirs, dropped, handed1, handed2>>
                  /\ Follow(StepNone)

-----------------------------------------------------------------------------
(* dealloc: Dealloc (after an untraced OwnerDrop).                         *)
\* nothing refers to o any more: its state can be forgotten after a dealloc
Idle(o) == AsObj(o) = 0 /\ AsCounter(o) = 0 /\ HeldAsBase(o) = 0 /\ OtherRegs(o) = 0
           /\ ~\E h \in holds : h.holder = o /\ Redirected(o) = 0

IsDealloc ==
    /\ IsEvent("dealloc")
    /\ follows /\ MO(ev.o) = ev.o => ~owned[ev.o]
    /\ LET o == ev.o IN
       IF o \notin known
       THEN /\ broken' = <<>>
            /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2>>
            /\ Follow(StepDealloc(Correct))
       ELSE
       LET cb == IF ev.hasEx THEN CounterBefore(o, ev.ex, ev.u) ELSE NoCheck(o)
           referenced == AsObj(o) > 0 \/ AsCounter(o) > 0 \/ HeldAsBase(o) > 0 \/ OtherRegs(o) > 0
                         \/ Redirected(o) > 0
           regs2 == {r \in regs : r.mv # o}
           forget == Idle(o) /\ OtherRegs(o) = 0
       IN /\ broken' = Broken(<< <<cb.v, "ExportCountMatchesViews">>,
                                 <<referenced, "NoDeallocWhileReferenced">> >>)
          /\ fixed' = IF forget THEN fixed \ {o} ELSE IF ev.hasEx THEN fixed \cup {o} ELSE fixed
          /\ base' = Rebase(o, IF forget THEN 0 ELSE cb.b, fixed')
          /\ regs' = regs2
          /\ released' = released \ {o}
          /\ redirs' = {p \in redirs : p[1] # o}
          /\ dropped' = dropped \ {o}
          /\ known' = IF forget THEN known \ {o} ELSE known
          /\ UNCHANGED <<s, live, lastAt, holds, handed1, handed2>>
          /\ Follow(StepDealloc(Correct))

(* resize: Resize / ResizeRefuse; a completed resize moves the memory.     *)
IsResize ==
    /\ IsEvent("resize")
    /\ Touch
    /\ LET o == ev.o
           cb == IF ev.hasEx THEN CounterBefore(o, ev.ex, ev.u) ELSE NoCheck(o)
           moved == ~ev.hasBuf \/ ev.bb # ev.ba
           nviews == IF AsObj(o) > AsCounter(o) THEN AsObj(o) ELSE AsCounter(o)
           dangling == ev.ok /\ moved /\ (nviews > 0 \/ (ev.hasEx /\ ev.ex > 0))
       IN /\ broken' = Broken(<< <<cb.v, "ExportCountMatchesViews">>,
                                 <<dangling, "NoDanglingView">> >>)
          /\ fixed' = IF ev.hasEx THEN fixed \cup {o} ELSE fixed
          /\ base' = Rebase(o, cb.b, fixed')
          /\ UNCHANGED <<s, live, lastAt, holds, regs, released, redirs, dropped, handed1, handed2>>
    /\ Follow(StepResize(Correct))

(* freed: Resize; memory under a live view freed or moved is NoDanglingView *)
(* at this event, whatever the exporter's calls showed.                    *)
IsFreed ==
    /\ IsEvent("freed")
    /\ Touch
    /\ broken' = Broken(<< <<\E x \in ev.os : AsObj(x) > 0, "NoDanglingView">> >>)
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, handed1, handed2>>
    /\ Follow(StepFreed(Correct))

-----------------------------------------------------------------------------
(* chains: ReExportAcquireBase (hold), ReExportRegister/Unregister,        *)
(* ReExportReleaseBase (drop), ReExportRefuseRelease (refuse); over raw    *)
(* memory: MemoryviewFromMemory / MemviewRegister (register),              *)
(* MemviewRelease (unregister).                                            *)
IsHold ==
    /\ IsEvent("hold")
    /\ Touch
    /\ holds' = holds \cup {[holder |-> ev.holder, base |-> ev.base, st |-> ev.st]}
    /\ broken' = <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, regs, released, redirs, dropped, handed1, handed2>>
    /\ Follow(StepChainBookkeeping)

IsRegister ==
    /\ IsEvent("register")
    /\ Touch
    /\ regs' = regs \cup {[holder |-> ev.holder, mv |-> ev.mv]}
    /\ released' = released \ {ev.mv}
    /\ broken' = <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, redirs, dropped, handed1, handed2>>
    /\ Follow(StepRegister(Correct))

IsUnregister ==
    /\ IsEvent("unregister")
    /\ Touch
    /\ regs' = regs \ {[holder |-> ev.holder, mv |-> ev.mv]}
    /\ released' = IF [holder |-> ev.holder, mv |-> ev.mv] \in regs THEN released \cup {ev.mv} ELSE released
    \* released (memoryview.release() or its dealloc) while it still has exports
    /\ broken' = IF [holder |-> ev.holder, mv |-> ev.mv] \in regs /\ AsObj(ev.mv) > 0
                 THEN <<"ReExporterHoldsBase">> ELSE <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, redirs, dropped, handed1, handed2>>
    /\ Follow(StepUnregister(Correct))

IsDrop ==
    /\ IsEvent("drop")
    /\ Touch
    /\ LET gu == GiveUp(ev.st, ev.base, live) IN
       /\ holds' = gu.holds
       /\ dropped' = gu.dropped
       /\ broken' = IF gu.bad THEN <<"ReExporterHoldsBase">> ELSE <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, regs, released, redirs, handed1, handed2>>
    /\ Follow(StepDrop(Correct))

IsRefuse ==
    /\ IsEvent("refuse")
    /\ Touch
    /\ broken' = <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, handed1, handed2>>
    /\ Follow(StepRefuseRelease(Correct))

(* footer after interpreter finalization: the liveness properties, judged *)
(* on the finite behaviour (nothing can happen after finalization).        *)
IsFooter ==
    /\ IsEvent("footer")
    /\ Touch
    /\ broken' = IF ~ev.fin THEN <<>>
                 ELSE Broken(<< <<live # {}, "EveryViewReleased">>,
                                <<\E c \in fixed : AsCounter(c) + base[c] # 0, "ExportCountsReturnToZero">> >>)
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, handed1, handed2>>
    /\ Follow(UNCHANGED <<aid, bpVars>>)

\* The whole log matched: stutter (no deadlock, TLC ends when nothing is new).
Done == l > Len(Log) /\ Len(broken) <= 1 /\ UNCHANGED vars

-----------------------------------------------------------------------------
Init ==
    /\ s \in 1..Len(Logs)
    /\ l = 1
    /\ live = {}
    /\ lastAt = {}
    /\ fixed = {}
    /\ base = [o \in {} |-> 0]
    /\ holds = {}
    /\ regs = {}
    /\ released = {}
    /\ redirs = {}
    /\ dropped = {}
    /\ known = {}
    /\ handed1 = {}
    /\ handed2 = {}
    /\ broken = <<>>
    /\ diag = NoDiag
    /\ follows = Logs[s].bp
    /\ aid = [a \in 1..BPPool(s) |-> 0]
    /\ \E sl \in {s} : BP("none", sl)!Init

\* The steps that take the walk on: one per log event, and the untraced steps
\* an event may need first.
Matching ==
    \/ IsAcquireOk \/ IsAcquireFailed \/ IsRelease \/ IsDealloc \/ IsResize \/ IsFreed
    \/ IsHold \/ IsRegister \/ IsUnregister \/ IsDrop \/ IsRefuse \/ IsFooter
    \/ UntracedCopyAway \/ UntracedOwnerDrop \/ UntracedMemviewDealloc

(* The next event is one that no step of the correct spec matches, while   *)
(* the rules accept it (an event the rules reject is always matched: the  *)
(* model layer stops there, Follow).  The model layer stops here, and the *)
(* rules judge the rest of the slice; EventMatched names the event.  This  *)
(* is a step of its own, not a deadlock, so that TLC goes on with the      *)
(* other slices of the run.                                                *)
Unmatched ==
    /\ follows /\ Len(broken) <= 1 /\ l <= Len(Log)
    /\ ~ENABLED Matching
    /\ follows' = FALSE
    /\ broken' = <<"EventMatched">>
    /\ diag' = Diagnosis
    /\ UNCHANGED <<s, l, live, lastAt, fixed, base, holds, regs, released, redirs, dropped, known, handed1, handed2,
                   aid, bpVars>>

Next == Matching \/ Unmatched \/ NextBroken \/ Done

\* Every state has a successor (Done stutters at the end of the log), so a
\* deadlock is a fault of this module, which the engine reports as one.

-----------------------------------------------------------------------------
(* The properties (bufspec.model.Property), judged on each matched state:  *)
(* violated when it is the first the last event broke, or when             *)
(* BufferProtocol's invariant of the same name fails on the model layer.   *)
Holds(p) == broken = <<>> \/ broken[1] # p
Model(inv) == ~follows \/ inv

ExportCountMatchesViews    == Holds("ExportCountMatchesViews")
                              /\ \A sl \in {s} : Model(BP("none", sl)!ExportCountMatchesViews)
NoDanglingView             == Holds("NoDanglingView")
                              /\ \A sl \in {s} : Model(BP("none", sl)!NoDanglingView)
NoDeallocWhileReferenced   == Holds("NoDeallocWhileReferenced")
                              /\ \A sl \in {s} : Model(BP("none", sl)!NoDeallocWhileReferenced)
RefCountCoversReferences   == Holds("RefCountCoversReferences")
                              /\ \A sl \in {s} : Model(BP("none", sl)!RefCountCoversReferences)
FailedAcquireLeavesNoTrace == Holds("FailedAcquireLeavesNoTrace")
                              /\ \A sl \in {s} : Model(BP("none", sl)!FailedAcquireLeavesNoTrace)
ReleaseSeesOwnInternal     == Holds("ReleaseSeesOwnInternal")
                              /\ \A sl \in {s} : Model(BP("none", sl)!ReleaseSeesOwnInternal)
ReleasedAtMostOnce         == Holds("ReleasedAtMostOnce")
                              /\ \A sl \in {s} : Model(BP("none", sl)!ReleasedAtMostOnce)
ReExporterHoldsBase        == Holds("ReExporterHoldsBase")
                              /\ \A sl \in {s} : Model(BP("none", sl)!ReExporterHoldsBase)
\* the model layer: every event of a followed slice is matched by a step of
\* BufferProtocol (Unmatched); not a property of the protocol but of the log's
\* fit to the spec, reported by the engine as a line no step matches
EventMatched               == Holds("EventMatched")
\* liveness, judged on the finite behaviour at the footer of a finalized process
EveryViewReleased          == Holds("EveryViewReleased")
ExportCountsReturnToZero   == Holds("ExportCountsReturnToZero")
=============================================================================
