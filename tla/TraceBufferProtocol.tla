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
(* The state is BufferProtocol's state as a log can observe it (see       *)
(* docs/architecture.md, "How events map to the model's actions"):        *)
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
(*                                                                         *)
(* broken (GHOST) lists the properties the last event broke, in the order *)
(* the rules apply; each property below is an invariant that holds unless *)
(* it is the first the last event broke.  TLC runs with -continue, so the *)
(* walk goes on after a violation and every violating event is reported   *)
(* (state l names the event).  Data: every value of a log is an integer, *)
(* a boolean or a string from bufspec.exact.Vocabulary.  The logs come   *)
(* from module TraceLogs (Logs == <<slice, ...>>): bufspec generates one  *)
(* per TLC run next to a copy of this module; tla/TraceLogs.tla is a     *)
(* small example so that this module parses and runs on its own.         *)
(* (A CONSTANT Logs substituted by the cfg would be re-evaluated at every *)
(* access by TLC 2.18: 200 states/min on a 2,000-event log, against      *)
(* 2,000 in 5 s as a definition of an extended module.)                  *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, TraceLogs

\* Logs (module TraceLogs): <<[midrun: BOOLEAN, nobj: Nat, ev: Seq(event record)], ...>>

NoObj == 0

VARIABLES
    s,         \* the slice being checked
    l,         \* index of the next log line of slice s
    live,      \* set of live acquisitions
    lastAt,    \* set of <<struct, acquisition id>>: the last acquisition into a
               \* struct, while it is live (how a release finds its view by address)
    fixed,     \* objects whose counter baseline is fixed
    base,      \* [objects of the slice -> Int] counter baseline (exports from before tracing)
    holds,     \* set of [holder, base, st]: managed buffers holding a base export
    regs,      \* set of [holder, mv]: memoryviews registered on a managed buffer
    handed1,   \* shape/strides pointers outside the struct an object handed out
    handed2,   \*   (per-view resources): at least once, at least twice
    known,     \* objects the log has mentioned (and not forgotten after a dealloc)
    broken     \* GHOST: the properties the last event broke, in rule order

vars == <<s, l, live, lastAt, fixed, base, holds, regs, known, handed1, handed2, broken>>
TraceView == <<s, l, live, lastAt, fixed, base, holds, regs, known, handed1, handed2, Len(broken)>>

Log      == Logs[s].ev
MidRun   == Logs[s].midrun
ev       == Log[l]

-----------------------------------------------------------------------------
(* Derived facts.                                                          *)

AsObj(o)     == Cardinality({v \in live : v.o = o})
AsCounter(c) == Cardinality({v \in live : v.c = c})
HeldAsBase(o) == Cardinality({h \in holds : h.base = o})
OtherRegs(o) == Cardinality({r \in regs : r.holder = o /\ r.mv # o})
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

\* broken, in rule order, from a sequence of <<condition, property>> pairs
Broken(rules) == [i \in 1..Len(SelectSeq(rules, LAMBDA r : r[1]))
                     |-> SelectSeq(rules, LAMBDA r : r[1])[i][2]]

\* every event but dealloc makes the objects it names known (ev.objs)
IsEvent(k) == Len(broken) <= 1 /\ l <= Len(Log) /\ ev.k = k /\ l' = l + 1

\* An event that broke several properties: one state per property, so that
\* TLC names each (the first is judged on the event's own state).
NextBroken == Len(broken) > 1 /\ broken' = Tail(broken)
              /\ UNCHANGED <<s, l, live, lastAt, fixed, base, holds, regs, known, handed1, handed2>>

Touch == known' = known \cup ev.objs

-----------------------------------------------------------------------------
(* acquire ok: AcquireCheck .. AcquireReturn (BufferProtocol!Acquire).     *)
IsAcquireOk ==
    /\ IsEvent("acquire") /\ ev.ok
    /\ Touch
    /\ IF ev.o = NoObj
       THEN \* success reported with view->obj NULL
            LET x == IF ev.hasEx THEN ev.exA - AsCounter(ev.c) ELSE 0 IN
            /\ broken' = <<"FailedAcquireLeavesNoTrace">>
            /\ fixed' = IF ev.hasEx THEN fixed \cup {ev.c} ELSE fixed
            /\ base' = IF ev.hasEx THEN [base EXCEPT ![ev.c] = x] ELSE base
            /\ UNCHANGED <<s, live, lastAt, holds, regs, handed1, handed2>>
       ELSE
        LET o  == ev.o
            c  == ev.c
            rcBad == ev.hasRc /\ o = ev.exp /\ (ev.rcA # ev.rcB + 1 \/ ev.rcB < AsObj(o))
            cb == IF ev.hasEx THEN CounterBefore(c, ev.exB, ev.u) ELSE NoCheck(c)
            dBad == ev.hasEx /\ ev.exA - ev.exB # 1
            b2 == IF dBad THEN ev.exA - 1 - AsCounter(c) ELSE cb.b
            \* empty buffers (len 0) point at nothing
            dangling == ~ev.sev /\ ev.b < ev.end
                        /\ \E v \in live : v.c = c /\ v.b < v.end /\ ~Overlap(v, ev.b, ev.end)
            new == [id |-> l, o |-> o, c |-> c, st |-> ev.st, b |-> ev.b, end |-> ev.end,
                    key |-> ev.key, internal |-> ev.internal, pv |-> ev.pv]
        IN /\ broken' = Broken(<< <<rcBad, "RefCountCoversReferences">>,
                                  <<cb.v, "ExportCountMatchesViews">>,
                                  <<dBad, "ExportCountMatchesViews">>,
                                  <<dangling, "NoDanglingView">> >>)
           /\ fixed' = IF ev.hasEx THEN fixed \cup {c} ELSE fixed
           /\ base' = [base EXCEPT ![c] = b2]
           /\ live' = live \cup {new}
           /\ lastAt' = {x \in lastAt : x[1] # ev.st} \cup {<<ev.st, l>>}
           /\ handed1' = handed1 \cup ev.ho
           /\ handed2' = handed2 \cup (ev.ho \cap handed1)
           /\ UNCHANGED <<s, holds, regs>>

(* acquire failed: AcquireRefuse; FailedAcquireLeavesNoTrace.              *)
IsAcquireFailed ==
    /\ IsEvent("acquire") /\ ~ev.ok
    /\ Touch
    /\ LET c  == ev.c
           cb == IF ev.hasEx THEN CounterBefore(c, ev.exB, ev.u) ELSE NoCheck(c)
           objSet == ev.oa # 0 /\ ev.oa # ev.ob
           counted == ~objSet /\ ev.hasEx /\ ev.exA # ev.exB
           refd == ~objSet /\ ~counted /\ ev.hasRc /\ ev.rcA # ev.rcB
       IN /\ broken' = Broken(<< <<cb.v, "ExportCountMatchesViews">>,
                                 <<objSet \/ counted \/ refd, "FailedAcquireLeavesNoTrace">> >>)
          /\ fixed' = IF ev.hasEx THEN fixed \cup {c} ELSE fixed
          /\ base' = [base EXCEPT ![c] = IF counted THEN ev.exA - AsCounter(c) ELSE cb.b]
          /\ UNCHANGED <<s, live, lastAt, holds, regs, handed1, handed2>>

-----------------------------------------------------------------------------
(* The holder of the base export in struct st gives it up (chain drop, or *)
(* the release of that struct): ReExporterHoldsBase.                       *)
GiveUp(st, b, lv) ==
    LET hs == {h \in holds : h.st = st /\ h.base = b} IN
    IF hs = {} THEN [bad |-> FALSE, holds |-> holds]
    ELSE LET h == CHOOSE x \in hs : TRUE
             own == Cardinality({v \in lv : v.o = h.holder})
             mvs == {r.mv : r \in {r \in regs : r.holder = h.holder}}
         IN [bad |-> own > 0 \/ \E m \in mvs : \E v \in lv : v.o = m,
             holds |-> holds \ {h}]

(* release: ReleaseReadObj, ReleaseCallReleaseBuffer, ReleaseClearObj,    *)
(* after an untraced CopyView when the struct passed is a copy.            *)
IsRelease ==
    /\ IsEvent("release")
    /\ Touch
    /\ LET o  == ev.o
           c  == ev.c
           atSt == {v \in LiveAt(ev.st) : v.o = o}
           byAddress == atSt # {}
           like == {v \in live : v.o = o /\ v.key = ev.key}
           found == IF byAddress THEN atSt ELSE like
           match == CHOOSE v \in found : \A w \in found : v.id <= w.id
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
                  /\ base' = [base EXCEPT ![c] = IF dBad THEN ev.exA + 1 - AsCounter(c) ELSE cb.b]
                  /\ live' = lv2
                  /\ holds' = gu.holds
                  /\ lastAt' = lastAt \ {<<match.st, match.id>>}
                  /\ UNCHANGED <<s, regs, handed1, handed2>>
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
                  /\ base' = [base EXCEPT ![c] = cb0.b]
                  /\ UNCHANGED <<s, live, lastAt, holds, regs, handed1, handed2>>

-----------------------------------------------------------------------------
(* dealloc: Dealloc (after an untraced OwnerDrop).                         *)
\* nothing refers to o any more: its state can be forgotten after a dealloc
Idle(o) == AsObj(o) = 0 /\ AsCounter(o) = 0 /\ HeldAsBase(o) = 0 /\ OtherRegs(o) = 0
           /\ ~\E h \in holds : h.holder = o

IsDealloc ==
    /\ IsEvent("dealloc")
    /\ LET o == ev.o IN
       IF o \notin known
       THEN /\ broken' = <<>>
            /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, regs, known, handed1, handed2>>
       ELSE
       LET cb == IF ev.hasEx THEN CounterBefore(o, ev.ex, ev.u) ELSE NoCheck(o)
           referenced == AsObj(o) > 0 \/ AsCounter(o) > 0 \/ HeldAsBase(o) > 0 \/ OtherRegs(o) > 0
           regs2 == {r \in regs : r.mv # o}
           forget == Idle(o) /\ OtherRegs(o) = 0
       IN /\ broken' = Broken(<< <<cb.v, "ExportCountMatchesViews">>,
                                 <<referenced, "NoDeallocWhileReferenced">> >>)
          /\ fixed' = IF forget THEN fixed \ {o} ELSE IF ev.hasEx THEN fixed \cup {o} ELSE fixed
          /\ base' = [base EXCEPT ![o] = IF forget THEN 0 ELSE cb.b]
          /\ regs' = regs2
          /\ known' = IF forget THEN known \ {o} ELSE known
          /\ UNCHANGED <<s, live, lastAt, holds, handed1, handed2>>

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
          /\ base' = [base EXCEPT ![o] = cb.b]
          /\ UNCHANGED <<s, live, lastAt, holds, regs, handed1, handed2>>

-----------------------------------------------------------------------------
(* chains: ReExportAcquireBase (hold), ReExportRegister/Unregister,        *)
(* ReExportReleaseBase (drop), ReExportRefuseRelease (refuse).             *)
IsHold ==
    /\ IsEvent("hold")
    /\ Touch
    /\ holds' = holds \cup {[holder |-> ev.holder, base |-> ev.base, st |-> ev.st]}
    /\ broken' = <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, regs, handed1, handed2>>

IsRegister ==
    /\ IsEvent("register")
    /\ Touch
    /\ regs' = regs \cup {[holder |-> ev.holder, mv |-> ev.mv]}
    /\ broken' = <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, handed1, handed2>>

IsUnregister ==
    /\ IsEvent("unregister")
    /\ Touch
    /\ regs' = regs \ {[holder |-> ev.holder, mv |-> ev.mv]}
    /\ broken' = <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, handed1, handed2>>

IsDrop ==
    /\ IsEvent("drop")
    /\ Touch
    /\ LET gu == GiveUp(ev.st, ev.base, live) IN
       /\ holds' = gu.holds
       /\ broken' = IF gu.bad THEN <<"ReExporterHoldsBase">> ELSE <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, regs, handed1, handed2>>

IsRefuse ==
    /\ IsEvent("refuse")
    /\ Touch
    /\ broken' = <<>>
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, regs, handed1, handed2>>

(* footer after interpreter finalization: the liveness properties, judged *)
(* on the finite behaviour (nothing can happen after finalization).        *)
IsFooter ==
    /\ IsEvent("footer")
    /\ Touch
    /\ broken' = IF ~ev.fin THEN <<>>
                 ELSE Broken(<< <<live # {}, "EveryViewReleased">>,
                                <<\E c \in fixed : AsCounter(c) + base[c] # 0, "ExportCountsReturnToZero">> >>)
    /\ UNCHANGED <<s, live, lastAt, fixed, base, holds, regs, handed1, handed2>>

\* The whole log matched: stutter (no deadlock, TLC ends when nothing is new).
Done == l > Len(Log) /\ Len(broken) <= 1 /\ UNCHANGED vars

-----------------------------------------------------------------------------
Init ==
    /\ s \in 1..Len(Logs)
    /\ l = 1
    /\ live = {}
    /\ lastAt = {}
    /\ fixed = {}
    /\ base = [o \in 1..Logs[s].nobj |-> 0]
    /\ holds = {}
    /\ regs = {}
    /\ known = {}
    /\ handed1 = {}
    /\ handed2 = {}
    /\ broken = <<>>

Next ==
    \/ IsAcquireOk \/ IsAcquireFailed \/ IsRelease \/ IsDealloc \/ IsResize
    \/ IsHold \/ IsRegister \/ IsUnregister \/ IsDrop \/ IsRefuse \/ IsFooter
    \/ NextBroken \/ Done

\* No event matched while the log goes on: TLC reports a deadlock, whose
\* state's l is the first log line no action matches.

-----------------------------------------------------------------------------
(* The properties (bufspec.model.Property), judged on each matched state:  *)
(* violated when it is the first the last event broke.                     *)
Holds(p) == broken = <<>> \/ broken[1] # p

ExportCountMatchesViews    == Holds("ExportCountMatchesViews")
NoDanglingView             == Holds("NoDanglingView")
NoDeallocWhileReferenced   == Holds("NoDeallocWhileReferenced")
RefCountCoversReferences   == Holds("RefCountCoversReferences")
FailedAcquireLeavesNoTrace == Holds("FailedAcquireLeavesNoTrace")
ReleaseSeesOwnInternal     == Holds("ReleaseSeesOwnInternal")
ReleasedAtMostOnce         == Holds("ReleasedAtMostOnce")
ReExporterHoldsBase        == Holds("ReExporterHoldsBase")
EveryViewReleased          == Holds("EveryViewReleased")
ExportCountsReturnToZero   == Holds("ExportCountsReturnToZero")
=============================================================================
