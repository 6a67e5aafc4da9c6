--------------------------- MODULE BufferProtocol ---------------------------
(***************************************************************************)
(* The CPython buffer protocol (PEP 3118) as exporters and consumers really *)
(* run it.                                                                  *)
(*                                                                          *)
(* Sources, quoted in docs/model.md next to the actions that encode them:   *)
(*   - the typeobj documentation of bf_getbuffer / bf_releasebuffer (the    *)
(*     five getbuffer steps, the two chain schemes, the release steps,      *)
(*     "MUST use internal", "a copy MAY be passed", "MUST NOT decrement     *)
(*     view->obj", "may be NULL");                                          *)
(*   - CPython's actual behaviour: PyBuffer_Release's NULL check, resize    *)
(*     refusal while exported, memoryview.release() refusal, BytesIO's      *)
(*     redirect, free-threaded export counters.                             *)
(*                                                                          *)
(* The world: a fixed set of exporter objects (each with a static "type"    *)
(* describing which optional slots and behaviours it has), a set of         *)
(* consumer threads, each owning a few Py_buffer structs ("slots"), and a   *)
(* finite pool of acquisition records.  An acquisition is one successful    *)
(* bf_getbuffer; the structs hold copies of its contents.                   *)
(*                                                                          *)
(* Variables and fields marked GHOST are not program state: they record    *)
(* history that a property needs (which acquisition a struct's bytes came  *)
(* from, how many times it was released, what internal bf_releasebuffer    *)
(* found, what trace the last failed acquire left).  Ghosts never decide   *)
(* which program step is enabled; they only keep evidence of a violation   *)
(* from being recycled with its pool entry (see Collect).                  *)
(*                                                                          *)
(* A Bug constant selects one wrong implementation ("none" = correct).      *)
(***************************************************************************)
EXTENDS Naturals, Integers, FiniteSets

CONSTANTS
    Exporters,    \* objects whose type has tp_as_buffer
    NotExporter,  \* an object whose type has no buffer interface (TypeError)
    Null,         \* NULL, the value of view->obj in an empty struct
    Consumers,    \* threads calling PyObject_GetBuffer / PyBuffer_Release
    NSlots,       \* Py_buffer structs per consumer
    MaxViews,     \* size of the acquisition pool (bound on simultaneous views)
    ExpType,      \* [Exporters -> type record], see TypeRecords below
    FreeThreaded, \* TRUE: no GIL, getbuffer and releasebuffer are two steps each
    Discipline,   \* [Exporters -> Disciplines]: how the free-threaded build protects
                  \*   each type's export counter (see "Free-threaded CPython" below)
    Bug,          \* "none" or the name of one wrong implementation
    Closable,     \* exporters whose memory close() frees while the object lives (mmap)
    Version,      \* the CPython version modelled, where versions differ (Versions)
    Immortals     \* exporters that are immortal objects from 3.12 on (PEP 683: b"")

Bugs == {"none", "ReleaseDecrefsObj", "FreeOnEveryRelease", "TrackByViewAddress",
         "ResizeWhileExported", "GetbufferNoIncref", "FailedAcquireSetsObj",
         "FailedAcquireCounts", "ReleaseOriginalAndCopy", "ReleaseAfterFailedAcquire",
         "ReExporterReleasesBase", "NonAtomicCounter", "ViewNeverReleased",
         "GetbufferIgnoresFillInfoError", "UseAfterRelease", "CopyOutlivesOriginal",
         "GcClearWhileExported", "CloseWhileExported", "MemviewGivesUpBase",
         "NonAtomicRelease", "UnlockedCheckAndCount", "ReleaseBaseRacesExport",
         "ResizeRacesAcquire", "WrapperCallsInheritedRelease",
         "RawMemoryFreedUnderView"}   \* managed buffers over raw memory (below)

\* the variants whose wrong step is a use of a view (UseView is in Next only then)
UseBugs == {"UseAfterRelease", "CopyOutlivesOriginal"}

(* The static description of an object's type:                             *)
(*   kind      "plain": exports its own memory;                            *)
(*             "reexport": a re-exporter with its own getbuffer and        *)
(*             counter that holds one export of base (a NumPy array over  *)
(*             a bytearray; also how a trace maps a managed buffer and    *)
(*             the memoryviews registered on it, as one object);          *)
(*             "mbuf": a managed buffer (_PyManagedBufferObject,          *)
(*             Objects/memoryobject.c): no tp_as_buffer; holds the one    *)
(*             export of base in mbuf->master from its creation           *)
(*             (_PyManagedBuffer_FromObject); its counter is              *)
(*             mbuf->exports, the memoryviews registered on it;          *)
(*             "rawmbuf": a managed buffer over memory the caller owns     *)
(*             (PyMemoryView_FromMemory / PyMemoryView_FromBuffer:       *)
(*             mbuf->master.obj is NULL): no base, no export held;        *)
(*             "memview": a memoryview, base is its managed buffer        *)
(*             (mbuf_add_view); memory_getbuf counts its own exports;    *)
(*             "redirect": BytesIO.getbuffer()'s bytesiobuf, view->obj is  *)
(*             itself but memory and counter are base's;                  *)
(*             "picklebuf": pickle.PickleBuffer (Objects/picklebufobject.c),*)
(*             the seeds' pure redirect: holds one export of base from    *)
(*             construction; picklebuf_getbuf is PyObject_GetBuffer on    *)
(*             the object that export is of, so view->obj and counter are *)
(*             that object's.                                             *)
(*   base      the object a kind is over (Null for plain and rawmbuf)      *)
(*   getbuffer tp_as_buffer->bf_getbuffer is not NULL (BytesIO, mbuf: no)  *)
(*   release   bf_releasebuffer is not NULL (and the type keeps a counter) *)
(*   internal  per-view resources tracked through view->internal          *)
(*   shared    memory shared by all views, freed when the counter hits 0   *)
(*   resizable the object can move its memory (bytearray append, ...)     *)
(*   readonly  a PyBUF_WRITABLE request is refused                         *)
(*             "pyclass": a Python class with __buffer__ (PEP 688, 3.12+); *)
(*             its bf_getbuffer is slot_bf_getbuffer, base is the object  *)
(*             the memoryview __buffer__ returns is over (self.data);     *)
(*             release: the class has a Python __release_buffer__ (its    *)
(*             bf_releasebuffer is slot_bf_releasebuffer), else its slot  *)
(*             is the one inherited from its base's C type (a class Z(C)  *)
(*             whose __buffer__ returns super().__buffer__(flags): base   *)
(*             then stands for the object's own C part);                  *)
(*             "bufwrapper": the hidden _buffer_wrapper of a pyclass      *)
(*             (base), the view's obj: see "PEP 688 classes" below.       *)
Kinds == {"plain", "reexport", "redirect", "mbuf", "memview", "picklebuf",
          "rawmbuf", "pyclass", "bufwrapper"}
TypeRecords ==
    [kind: Kinds, base: Exporters \cup {Null}, getbuffer: BOOLEAN,
     release: BOOLEAN, internal: BOOLEAN, shared: BOOLEAN,
     resizable: BOOLEAN, readonly: BOOLEAN]

ASSUME Bug \in Bugs
ASSUME Closable \subseteq Exporters
ASSUME FreeThreaded \in BOOLEAN
\* critical: a per-object critical section around check, fill and count (and
\*   around releasebuffer and the object's own methods that test the counter);
\* atomiclocked: the same critical section, and the counter updated atomically;
\* atomic: atomic counter updates, no lock: a check and the count that follows
\*   it are two steps another thread interleaves with;
\* plain: ++ and -- with no lock and no atomic: read and write are two steps.
Disciplines == {"critical", "atomiclocked", "atomic", "plain"}
ASSUME Discipline \in [Exporters -> Disciplines]
ASSUME NSlots \in Nat \ {0} /\ MaxViews \in Nat \ {0}
ASSUME ExpType \in [Exporters -> TypeRecords]
ASSUME \A e \in Exporters :
         LET k == ExpType[e].kind  b == ExpType[e].base IN
         /\ k \in {"plain", "rawmbuf"} <=> b = Null
         /\ b # Null =>
            /\ b \in Exporters
            \* a memoryview's base is its managed buffer, and only a memoryview's
            \* (memoryview(mv) registers on mv's managed buffer: no mbuf over a memoryview)
            /\ k = "memview" <=> ExpType[b].kind \in {"mbuf", "rawmbuf"}
            /\ k = "mbuf" => ExpType[b].kind # "memview"
            \* the holders take an export of their base: it has a getbuffer
            /\ k \in {"reexport", "mbuf", "picklebuf"} => ExpType[b].getbuffer
            \* a redirect counts on its base, a plain exporter with a counter (a
            \* re-exporter's base may have no counter: memoryview(bytes))
            /\ k = "redirect" => ExpType[b].kind = "plain" /\ ExpType[b].release
ASSUME \A e \in Exporters : ExpType[e].kind \in {"redirect", "reexport", "memview"} =>
                               ExpType[e].release /\ ExpType[e].getbuffer
ASSUME \A e \in Exporters : ExpType[e].kind \in {"mbuf", "rawmbuf"} => ~ExpType[e].getbuffer
\* a PickleBuffer's own bf_releasebuffer is never called (view->obj is not the
\* PickleBuffer) and it keeps no counter
ASSUME \A e \in Exporters : ExpType[e].kind = "picklebuf" => ~ExpType[e].release
\* PEP 688 classes (3.12+, so not in "3.11"): each has exactly one wrapper,
\* __buffer__ returns memoryview(base) of a plain exporter; nothing else is
\* over a class or a wrapper (memoryview(wrapper) is a TypeError); the
\* wrapper has no bf_getbuffer; only under the GIL.
Versions == {"3.11", "3.13", "3.14", "3.15"}
ASSUME Version \in Versions
ASSUME \A e \in Exporters :
         /\ ExpType[e].kind = "pyclass" =>
              /\ Version # "3.11" /\ ~FreeThreaded /\ ExpType[e].getbuffer
              /\ ExpType[ExpType[e].base].kind = "plain" /\ ExpType[ExpType[e].base].getbuffer
              /\ Cardinality({w \in Exporters : ExpType[w].kind = "bufwrapper"
                                                /\ ExpType[w].base = e}) = 1
         /\ ExpType[e].kind = "bufwrapper" =>
              ExpType[ExpType[e].base].kind = "pyclass" /\ ~ExpType[e].getbuffer /\ ExpType[e].release
         /\ ExpType[e].kind \notin {"plain", "rawmbuf", "bufwrapper"} =>
              ExpType[ExpType[e].base].kind \notin {"pyclass", "bufwrapper"}
\* immortal exporters are immutable objects with no counter (b"", one-byte bytes)
ASSUME Immortals \subseteq {e \in Exporters : ExpType[e].kind = "plain" /\ ~ExpType[e].release
                                              /\ ExpType[e].readonly}
\* The base relation is acyclic: following bases from any object reaches a plain
\* exporter or a managed buffer over raw memory (the root of the chain) within
\* |Exporters| steps.
RECURSIVE BaseN(_, _)
BaseN(e, n) == IF n = 0 \/ ExpType[e].base = Null THEN e ELSE BaseN(ExpType[e].base, n - 1)
ASSUME \A e \in Exporters : ExpType[BaseN(e, Cardinality(Exporters))].base = Null

-----------------------------------------------------------------------------
(* Names.                                                                  *)

Slots   == 1..NSlots
Structs == Consumers \X Slots                  \* <<thread, slot>>: a struct's address
Acqs    == 1..MaxViews                         \* acquisition pool
NoAcq   == 0
MasterOf(m) == <<m, 0>>                         \* the address of m's managed-buffer struct
Homes   == Structs \cup {MasterOf(m) : m \in Exporters} \cup {<<Null, 0>>}
NoHome  == <<Null, 0>>
NotCalled == -1                                \* bf_releasebuffer was not called

Kind(e)     == ExpType[e].kind
Base(e)     == ExpType[e].base
ReExporters == {e \in Exporters : Kind(e) = "reexport"}
Redirects   == {e \in Exporters : Kind(e) = "redirect"}
\* managed buffers, over a base or over raw memory (RawMbufs)
Mbufs       == {e \in Exporters : Kind(e) \in {"mbuf", "rawmbuf"}}
RawMbufs    == {e \in Exporters : Kind(e) = "rawmbuf"}
Memviews    == {e \in Exporters : Kind(e) = "memview"}
\* the objects that hold one export of their base in master: a re-exporter, a
\* managed buffer (mbuf->master), a PickleBuffer (self->view)
\* and a PEP 688 buffer wrapper (the memoryview it holds holds that export)
Holders     == {e \in Exporters : Kind(e) \in {"reexport", "mbuf", "picklebuf", "bufwrapper"}}
HasGetbuffer(e) == ExpType[e].getbuffer
\* the object PyObject_GetBuffer(e) really acquires: a PickleBuffer passes the
\* call on (picklebuf_getbuf), view->obj is its base's (recursively)
RECURSIVE Target(_)
Target(e) == IF Kind(e) = "picklebuf" THEN Target(Base(e)) ELSE e
\* whose export counter a view of e is counted on (redirect: the BytesIO's,
\* bytesiobuf_getbuffer in Modules/_io/bytesio.c)
CounterOf(e) == IF Kind(e) = "redirect" THEN Base(e) ELSE e
\* whose memory a view of e points into: the root of its chain
RECURSIVE MemoryOf(_)
MemoryOf(e)  == IF Base(e) = Null THEN e ELSE MemoryOf(Base(e))
HasCounter(e) == ExpType[e].release /\ Kind(e) # "pyclass"
\* a PEP 688 class's buffer wrapper, and the wrappers
Wrappers     == {e \in Exporters : Kind(e) = "bufwrapper"}
WrapperOf(x) == CHOOSE w \in Wrappers : Base(w) = x
\* Immortal objects (PEP 683, 3.12+): _Py_IsImmortal (Include/object.h in
\* 3.13, Include/refcount.h in 3.14/3.15); Py_INCREF and Py_DECREF of an
\* immortal return at once, so its ob_refcnt does not move.  3.11 has none.
IsImmortal(e) == e \in Immortals /\ Version # "3.11"
\* r with e's reference count moved by d: Py_INCREF (+1) / Py_DECREF (-1)
RcAdd(r, e, d) == IF IsImmortal(e) THEN r ELSE [r EXCEPT ![e] = @ + d]

-----------------------------------------------------------------------------
VARIABLES
    alive,    \* [Exporters -> BOOLEAN] the object is allocated (not deallocated)
    owned,    \* [Exporters -> BOOLEAN] the owner (the program) still holds its reference
    rc,       \* [Exporters -> Int]     ob_refcnt
    exports,  \* [Exporters -> Int]     the type's export counter (stays 0 without one)
    gen,      \* [Exporters -> 0..1]    generation of the memory; a resize moves it
    shared,   \* [Exporters -> BOOLEAN] shared export memory (shape/format arrays) allocated
    master,   \* [Exporters -> [st, a]] a holder's (Holders) export of its base: st
              \*   "new" (not yet taken), "holding" (a, live), "released"; for a
              \*   memoryview its registration on its managed buffer (a = NoAcq):
              \*   "new" (not created), "holding" (registered, holds a reference
              \*   to the mbuf), "released" (released, still holds it), "cleared"
              \*   (unregistered, reference dropped), "unlinked" (reference
              \*   dropped while registered: GcClearWhileExported only)
    view,     \* [Structs -> [obj, acq, held]] each consumer's Py_buffer structs;
              \*   obj is view->obj; acq (GHOST) is the acquisition the bytes came from;
              \*   held is the consumer's own bookkeeping: "I must release this struct"
    acq,      \* [Acqs -> record] acquisition records: st, obj, cnt, mem, gen,
              \*   internal (the value in view->internal), home (the struct address
              \*   the buggy TrackByViewAddress exporter keys its table by), and the
              \*   GHOSTs rel (times released) and seen (internal found by releasebuffer)
    pc,       \* [Consumers -> record] free-threaded mode: a getbuffer between its
              \*   check (and its reads of the memory and the counter) and its count,
              \*   or a releasebuffer between its read and its write of the counter
    obs,      \* GHOST: what the last step observed, when it was a failed acquire
    closed,   \* [Exporters -> BOOLEAN] close() freed the object's memory (mmap)
    res       \* [Acqs -> Int] the per-view resource an exporter with internal
              \*   allocates for acquisition a (what view->internal points to):
              \*   allocations minus frees, so 1 is in use, 0 free, -1 freed twice

vars == <<alive, owned, rc, exports, gen, shared, master, view, acq, pc, obs, res, closed>>

EmptyView == [obj |-> Null, acq |-> NoAcq, held |-> FALSE]
FreeAcq   == [st |-> "free", obj |-> Null, cnt |-> Null, mem |-> Null, gen |-> 0,
              internal |-> 0, home |-> NoHome, into |-> NoHome, rel |-> 0, seen |-> NotCalled]
Idle      == [st |-> "idle", s |-> NoHome, e |-> Null, a |-> NoAcq, v |-> 0, g |-> 0]
NoObs     == [kind |-> "none"]

AcqRecords ==
    [st: {"free", "live", "released"}, obj: Exporters \cup {Null},
     cnt: Exporters \cup {Null}, mem: Exporters \cup {Null}, gen: 0..1,
     internal: {0} \cup Acqs, home: Homes, into: Homes, rel: Nat,
     seen: {NotCalled, 0} \cup Acqs]
\* objSet: view->obj was changed to a non-NULL value other than what the struct
\* held before; dExports, dRc: change of the target's counter and refcount.
\* A use: the view used was valid (ValidView).
ObsRecords ==
    {NoObs} \cup [kind: {"fail"}, objSet: BOOLEAN, dExports: Int, dRc: Int]
            \cup [kind: {"use"}, valid: BOOLEAN]

TypeOK ==
    /\ alive   \in [Exporters -> BOOLEAN]
    /\ owned   \in [Exporters -> BOOLEAN]
    /\ rc      \in [Exporters -> Int]
    /\ exports \in [Exporters -> Int]
    /\ gen     \in [Exporters -> 0..1]
    /\ shared  \in [Exporters -> BOOLEAN]
    /\ master  \in [Exporters -> [st: {"none", "new", "holding", "released", "cleared", "unlinked"},
                                  a: {NoAcq} \cup Acqs]]
    /\ view    \in [Structs -> [obj: Exporters \cup {Null}, acq: {NoAcq} \cup Acqs,
                                held: BOOLEAN]]
    /\ acq     \in [Acqs -> AcqRecords]
    /\ pc      \in [Consumers -> {Idle} \cup
                       [st: {"counting", "releasing"}, s: Structs, e: Exporters,
                        a: {NoAcq} \cup Acqs, v: Int, g: 0..1]]
    /\ obs     \in ObsRecords
    /\ res     \in [Acqs -> Int]
    /\ closed  \in [Exporters -> BOOLEAN]

-----------------------------------------------------------------------------
(* Derived facts about the state.                                          *)

Live(a)  == acq[a].st = "live"
LiveAcqs == {a \in Acqs : Live(a)}
\* the smallest free pool entry: allocation is canonical, so the pool adds no
\* permutations of its own to the state space
FreePool == {a \in Acqs : acq[a].st = "free"}
NextAcq  == CHOOSE a \in FreePool : \A b \in FreePool : a <= b
\* a pool entry is free beyond one for each in-flight free-threaded getbuffer
\* (which takes NextAcq only at its count, so that allocation stays canonical
\* and the refinement of tla/RefineBufferProtocol.tla maps it onto Acquire)
PoolAvailable == Cardinality(FreePool) > Cardinality({c \in Consumers : pc[c].st = "counting"})

\* Free-threaded mode: the discipline of counter o as implemented, Discipline
\* unless a variant changes it (docs/model.md, "Free-threaded CPython"):
\* NonAtomicCounter (python/cpython#127085): a memoryview's exports updated
\* with plain ++/-- and no lock (memory_getbuf, memory_releasebuf);
\* ReleaseBaseRacesExport (gh-155606 class): a memoryview's exports atomic, but
\* memoryview.release()'s test of them not serialised with memory_getbuf;
\* UnlockedCheckAndCount: an atomic counter whose check-and-count is not in
\* the object's critical section.
Disc(o) ==
    CASE Bug = "NonAtomicCounter" /\ Kind(o) \in {"reexport", "memview"}       -> "plain"
      [] Bug = "ReleaseBaseRacesExport" /\ Kind(o) \in {"reexport", "memview"} -> "atomic"
      [] Bug = "UnlockedCheckAndCount" /\ Discipline[o] = "atomiclocked" -> "atomic"
      [] OTHER -> Discipline[o]
\* getbuffer holds o's critical section from its check to its count
AcquireLocks(o) == Disc(o) \in {"critical", "atomiclocked"}
\* releasebuffer holds it across its read and write of the counter;
\* NonAtomicRelease (gh-128942: array's getbuffer in a critical section, its
\* releasebuffer not): the release is a plain read and write outside it
ReleaseLocks(o) == AcquireLocks(o) /\ Bug # "NonAtomicRelease"
\* a release writes the value it read minus one (a lost update is possible)
ReleaseReadsOld(o) == Disc(o) = "plain" \/ Bug = "NonAtomicRelease"
\* o's critical section is held by an in-flight getbuffer or releasebuffer
Locked(o) ==
    \E c \in Consumers :
        \/ pc[c].st = "counting" /\ HasCounter(pc[c].e) /\ CounterOf(pc[c].e) = o
           /\ AcquireLocks(o)
        \/ pc[c].st = "releasing" /\ CounterOf(pc[c].e) = o /\ ReleaseLocks(o)
\* an action that tests or updates o's counter may run (under the GIL: always)
CounterFree(o) == ~FreeThreaded \/ ~Locked(o)
Busy(c) == pc[c].st # "idle"

\* Acquisition records that nothing refers to any more are returned to the pool,
\* unless their ghosts hold evidence of a violation (released twice, or
\* bf_releasebuffer saw a foreign internal): that evidence stays visible.
Referenced(a, v, m) == (\E s \in Structs : v[s].acq = a) \/ (\E e \in Exporters : m[e].a = a)
CleanRelease(r) == r.rel = 1 /\ r.seen \in {NotCalled, r.internal}
Collect(ac, v, m, r) ==
    [a \in Acqs |-> IF ac[a].st = "released" /\ ~Referenced(a, v, m) /\ CleanRelease(ac[a])
                       /\ r[a] = 0
                    THEN FreeAcq ELSE ac[a]]

-----------------------------------------------------------------------------
(***************************************************************************)
(* bf_getbuffer, the five steps of the documentation, as value operators   *)
(* that the acquire actions compose.                                       *)
(***************************************************************************)

\* The type fills the struct with PyBuffer_FillInfo (Objects/abstract.c, all
\* versions), which points shape at &view->len and strides at &view->itemsize:
\* into the struct itself.  In the zoo these are the plain and redirect types
\* with no per-view and no shared memory (bytearray, bytes, mmap, bytesiobuf);
\* std keeps its arrays in shared memory, a memoryview copies its own.
FillsStruct(e) == Kind(e) \in {"plain", "redirect"} /\ ~ExpType[e].internal /\ ~ExpType[e].shared

\* A memoryview's base is accessible: it is registered (not released) and its
\* managed buffer still holds the master (BASE_INACCESSIBLE, memoryobject.c).
MemviewAccessible(v) == master[v].st = "holding" /\ master[Base(v)].st = "holding"

\* (1) Check if the request can be met.  w: the consumer asked PyBUF_WRITABLE.
\* A PickleBuffer refuses once released (ValueError, picklebuf_getbuf), then
\* the object it passes the call on to checks the request.
RECURSIVE AcquireCheck(_, _)
AcquireCheck(e, w) ==
    /\ alive[e]
    /\ HasGetbuffer(e)                       \* else TypeError: not a bytes-like object
    /\ ~closed[MemoryOf(e)]                  \* mmap: ValueError, mmap closed or invalid
    /\ w => ~ExpType[e].readonly
    /\ Kind(e) = "reexport" => master[e].st = "holding"   \* released re-exporter refuses
    /\ Kind(e) = "memview" => MemviewAccessible(e)        \* memory_getbuf: CHECK_RELEASED
    /\ Kind(e) = "picklebuf" => master[e].st = "holding" /\ AcquireCheck(Target(e), w)
    \* PEP 688 class: the zoo's class refuses a second __buffer__ while its
    \* wrapper lives (PEP 688's example: RuntimeError "Buffer already held");
    \* the memoryview it returns is over base, whose getbuffer checks the request
    /\ Kind(e) = "pyclass" => ~alive[WrapperOf(e)] /\ AcquireCheck(Base(e), w)

\* (2) Fill in the requested fields: buf (memory and its generation), internal
\* (a per-view resource when the type uses one), and the shared memory.
AcquireFill(e, a, home) ==
    [st |-> "live", obj |-> e, cnt |-> IF HasCounter(e) THEN CounterOf(e) ELSE Null,
     mem |-> MemoryOf(e), gen |-> gen[MemoryOf(e)],
     internal |-> IF ExpType[e].internal THEN a ELSE 0,
     home |-> IF Bug = "TrackByViewAddress" THEN home ELSE NoHome,
     \* (recorded only where a use is a step of Next, UseBugs: only ValidView
     \* reads it, and elsewhere it would only split states by struct address)
     into |-> IF FillsStruct(e) /\ Bug \in UseBugs THEN home ELSE NoHome,
     rel |-> 0, seen |-> NotCalled]
AcquireFillShared(e) ==
    IF ExpType[e].shared THEN [shared EXCEPT ![e] = TRUE] ELSE shared
\* the per-view resource view->internal points to, allocated for acquisition a
AcquireAlloc(e, a) ==
    IF ExpType[e].internal THEN [res EXCEPT ![a] = @ + 1] ELSE res

\* (3) Increment an internal counter for the number of exports.
AcquireCount(e) ==
    IF HasCounter(e) THEN [exports EXCEPT ![CounterOf(e)] = @ + 1] ELSE exports

\* (4) Set view->obj to exporter and increment view->obj (a new reference).
AcquireSetObj(e) == IF Bug = "GetbufferNoIncref" THEN rc ELSE RcAdd(rc, e, 1)

\* (5) Return 0: the consumer now owns the view and must release it once.
AcquireReturn(e, a) == [obj |-> e, acq |-> a, held |-> TRUE]

\* The consumer reaches the exporter through its owner's reference.
Reachable(e) == owned[e] /\ alive[e]

(* A successful PyObject_GetBuffer under the GIL: one atomic step (a C    *)
(* getbuffer does not interleave with other Python threads).  The consumer *)
(* only acquires into a struct it does not hold (it would leak otherwise). *)
Acquire(c, s, e, w) ==
    /\ ~FreeThreaded
    /\ s[1] = c /\ ~view[s].held /\ ~Busy(c)
    /\ Reachable(e) /\ AcquireCheck(e, w)
    /\ Kind(e) # "pyclass"                   \* AcquireBufferWrapper
    /\ FreePool # {}
    /\ LET a == NextAcq
           t == Target(e)
           v2 == [view EXCEPT ![s] = AcquireReturn(t, a)]
       IN /\ acq'     = Collect([acq EXCEPT ![a] = AcquireFill(t, a, s)], v2, master, res)
          /\ shared'  = AcquireFillShared(t)
          /\ exports' = AcquireCount(t)
          /\ rc'      = AcquireSetObj(t)
          /\ view'    = v2
          /\ res'     = AcquireAlloc(t, a)
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, master, pc>>

(* Free-threaded mode: steps (1)-(2), PyObject_GetBuffer up to the count: *)
(* the check, and the reads of the memory (buf: its generation) and of the *)
(* counter.  A getbuffer whose discipline locks enters the counter's       *)
(* critical section here and holds it until AcquireFinish.  No pool entry  *)
(* is taken yet (PoolAvailable reserves one), nothing shared is written.   *)
AcquireStart(c, s, e, w) ==
    /\ FreeThreaded
    /\ s[1] = c /\ ~view[s].held /\ ~Busy(c)
    /\ Reachable(e) /\ AcquireCheck(e, w)
    /\ PoolAvailable
    /\ LET t == Target(e) IN
       /\ HasCounter(t) /\ AcquireLocks(CounterOf(t)) => CounterFree(CounterOf(t))
       /\ pc' = [pc EXCEPT ![c] = [st |-> "counting", s |-> s, e |-> t, a |-> NoAcq,
                                    v |-> exports[CounterOf(t)], g |-> gen[MemoryOf(t)]]]
    /\ UNCHANGED <<closed, alive, owned, rc, exports, gen, shared, master, view, acq, obs, res>>

(* Free-threaded mode: steps (2)-(5) with what AcquireStart read: the      *)
(* view's memory is the generation read then; the counter is incremented  *)
(* (atomically, or in the critical section) or, plain, written as the     *)
(* value read + 1.  Under a lock this is Acquire's step exactly.          *)
AcquireFinish(c) ==
    /\ pc[c].st = "counting"
    /\ FreePool # {}
    /\ LET s == pc[c].s  e == pc[c].e  k == CounterOf(e)  a == NextAcq
           v2 == [view EXCEPT ![s] = AcquireReturn(e, a)]
       IN /\ exports' = IF HasCounter(e)
                        THEN [exports EXCEPT ![k] = (IF Disc(k) = "plain" THEN pc[c].v ELSE @) + 1]
                        ELSE exports
          /\ rc'     = AcquireSetObj(e)
          /\ view'   = v2
          /\ acq'    = Collect([acq EXCEPT ![a] = [AcquireFill(e, a, s) EXCEPT !.gen = pc[c].g]],
                               v2, master, res)
          /\ shared' = AcquireFillShared(e)
          /\ res'    = AcquireAlloc(e, a)
    /\ pc' = [pc EXCEPT ![c] = Idle]
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, master>>

\* GHOST: the trace a failed acquire left: obj set to a new non-NULL value,
\* change of the counter, change of the refcount.  A failure that left no
\* trace is recorded as NoObs, so that correct failures (most of them leave
\* the state exactly as it was) do not double the state space.
FailureTrace(objSet, dExports, dRc) ==
    IF ~objSet /\ dExports = 0 /\ dRc = 0 THEN NoObs
    ELSE [kind |-> "fail", objSet |-> objSet, dExports |-> dExports, dRc |-> dRc]

(* A refused PyObject_GetBuffer.  Two ways to fail:                        *)
(*  - t has no buffer interface (NotExporter, or a type without            *)
(*    bf_getbuffer: BytesIO, a managed buffer): PyObject_GetBuffer raises  *)
(*    TypeError and                                                         *)
(*    does not touch the struct (stale contents keep a non-NULL obj);      *)
(*  - step (1) of t's getbuffer refuses: BufferError, view->obj := NULL    *)
(*    (the documented rule) or the struct untouched (what CPython's own    *)
(*    PyBuffer_FillInfo does); both are correct, the model allows both.    *)
(* Nothing is counted and no reference is taken.                           *)
(* GetbufferIgnoresFillInfoError (python/cpython#126980, bytearray_getbuffer *)
(* in 3.13): the getbuffer counts the export, PyBuffer_FillInfo fails, and  *)
(* it returns 0 anyway: the struct is untouched (view->obj never set) and  *)
(* the consumer holds it, so its release is a no-op and the counter stays. *)
Refuse(c, s, t, w) ==
    /\ s[1] = c /\ ~view[s].held /\ ~Busy(c)
    /\ \/ t = NotExporter
       \/ t \in Exporters /\ Reachable(t) /\ ~AcquireCheck(t, w)
    /\ LET typeError == t = NotExporter \/ ~HasGetbuffer(t) IN
       \E clear \in IF typeError THEN {FALSE} ELSE BOOLEAN :
         LET bugSetsObj == Bug = "FailedAcquireSetsObj" /\ ~typeError
             bugIgnores == Bug = "GetbufferIgnoresFillInfoError" /\ ~typeError /\ HasCounter(t)
             bugCounts  == (Bug = "FailedAcquireCounts" /\ ~typeError /\ HasCounter(t))
                           \/ bugIgnores
             newView ==
               IF bugSetsObj THEN [obj |-> t, acq |-> NoAcq, held |-> FALSE]
               ELSE IF clear /\ ~bugIgnores THEN EmptyView ELSE view[s]
             \* swig/swig#1640: the consumer's error path releases the struct anyway;
             \* cpython#126980: the getbuffer returned 0, the consumer must release
             newHeld == Bug = "ReleaseAfterFailedAcquire" \/ bugIgnores
             v2 == [view EXCEPT ![s] = [newView EXCEPT !.held = newHeld]]
             rc2 == IF bugSetsObj THEN RcAdd(rc, t, 1) ELSE rc
             ex2 == IF bugCounts THEN [exports EXCEPT ![CounterOf(t)] = @ + 1] ELSE exports
         IN /\ view' = v2
            /\ rc' = rc2
            /\ exports' = ex2
            /\ acq' = Collect(acq, v2, master, res)
            \* (a getbuffer that returned 0 did not fail: nothing to observe)
            /\ obs' = IF bugIgnores THEN NoObs
                      ELSE FailureTrace(v2[s].obj \notin {Null, view[s].obj},
                       IF typeError \/ ~HasCounter(t) THEN 0
                       ELSE ex2[CounterOf(t)] - exports[CounterOf(t)],
                       IF t = NotExporter THEN 0 ELSE rc2[t] - rc[t])
    /\ UNCHANGED <<closed, alive, owned, gen, shared, master, pc, res>>

\* A refused acquire that changes nothing (the struct as it was, no trace) is a
\* stuttering step: Next leaves it out, so that a state whose only steps are
\* refusals is a deadlock TLC reports (a stuck program), not a self-loop.
\* (The trace spec matches a refusal event with Refuse, stuttering or not.)
AcquireRefuse(c, s, t, w) == Refuse(c, s, t, w) /\ vars' # vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Release.  PyBuffer_Release(view): (a) read obj, NULL => no-op;          *)
(* (b) call obj's bf_releasebuffer(obj, view) when the type has one;       *)
(* (c) view->obj := NULL and Py_DECREF(obj).                               *)
(* Value operators compute the effect on the shared variables; Release,    *)
(* ReExportReleaseBase and Dealloc (a memoryview's master) compose them.   *)
(***************************************************************************)

\* What bf_releasebuffer finds as the per-view resource. Correct: the struct's
\* internal field, copied along with the struct. TrackByViewAddress: a table
\* keyed by the struct's address, filled at acquire time.
InternalSeen(o, a, addr) ==
    IF Bug = "TrackByViewAddress"
    THEN IF \E b \in LiveAcqs : acq[b].home = addr /\ acq[b].obj = o
         THEN (CHOOSE b \in LiveAcqs : acq[b].home = addr /\ acq[b].obj = o)
         ELSE 0
    ELSE IF a = NoAcq THEN 0 ELSE acq[a].internal

\* (b) bf_releasebuffer(o, view): decrement the counter; when it reaches 0,
\* free the memory associated with the view.  MUST NOT decrement view->obj.
ReleaseCallReleaseBufferFrom(o, old) ==
    LET k  == CounterOf(o)
        ex == [exports EXCEPT ![k] = old - 1]
    IN [exports |-> ex,
        shared  |-> IF ExpType[o].shared /\ (ex[k] = 0 \/ Bug = "FreeOnEveryRelease")
                    THEN [shared EXCEPT ![o] = FALSE] ELSE shared,
        rc      |-> IF Bug = "ReleaseDecrefsObj" THEN RcAdd(rc, o, -1) ELSE rc]
\* (old: the counter's value the decrement starts from, read in the same step
\* but for a free-threaded plain release, ReleaseStart)
ReleaseCallReleaseBuffer(o) == ReleaseCallReleaseBufferFrom(o, exports[CounterOf(o)])

\* (b)+(c): the whole effect of releasing a struct that holds obj o and the
\* bytes of acquisition a, passed at address addr.
ReleaseEffectFrom(o, a, addr, old) ==
    LET called == ExpType[o].release
        rb == IF called THEN ReleaseCallReleaseBufferFrom(o, old)
              ELSE [exports |-> exports, shared |-> shared, rc |-> rc]
        \* bf_releasebuffer frees the per-view resource it finds (none: nothing)
        found == IF called /\ ExpType[o].internal THEN InternalSeen(o, a, addr) ELSE 0
    IN [exports |-> rb.exports, shared |-> rb.shared,
        res     |-> IF found = 0 THEN res ELSE [res EXCEPT ![found] = @ - 1],
        rc      |-> RcAdd(rb.rc, o, -1),                  \* (c) Py_DECREF(obj)
        acq     |-> IF a = NoAcq THEN acq
                    ELSE [acq EXCEPT ![a].st = "released", ![a].rel = @ + 1,
                                     ![a].seen = IF called /\ ExpType[o].internal
                                                 THEN InternalSeen(o, a, addr)
                                                 ELSE NotCalled]]
ReleaseEffect(o, a, addr) == ReleaseEffectFrom(o, a, addr, exports[CounterOf(o)])

\* (a) read view->obj: a struct whose obj is NULL (released already) is a no-op.
ReleaseReadObj(s) == view[s].obj

\* (c) clear view->obj; the struct's other bytes are now meaningless.
ReleaseClearObj(s) == [view EXCEPT ![s] = EmptyView]

(* A consumer releases a struct it holds (the original or a copy).         *)
Release(c, s) ==
    /\ s[1] = c /\ view[s].held /\ ~Busy(c)
    /\ LET o == ReleaseReadObj(s) IN
       IF o = Null
       THEN /\ view' = [view EXCEPT ![s].held = FALSE]
            /\ obs' = NoObs
            /\ UNCHANGED <<closed, rc, exports, shared, acq, res>>
       ELSE /\ ~FreeThreaded \/ ~HasCounter(o)    \* else ReleaseStart, ReleaseFinish
            /\ Kind(o) # "bufwrapper"                \* ReleaseBufferWrapper
            /\ LET eff == ReleaseEffect(o, view[s].acq, s)
                   v2  == ReleaseClearObj(s)
               IN /\ exports' = eff.exports
                  /\ shared'  = eff.shared
                  /\ rc'      = eff.rc
                  /\ res'     = eff.res
                  /\ view'    = v2
                  /\ acq'     = Collect(eff.acq, v2, master, eff.res)
                  /\ obs'     = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, master, pc>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Free-threaded CPython: releasebuffer in two steps.  PyBuffer_Release of *)
(* a struct whose exporter keeps a counter: ReleaseStart reads view->obj   *)
(* and the counter (and enters the critical section when the discipline    *)
(* locks); ReleaseFinish writes the counter (the value read - 1 when the   *)
(* update is plain, else the current value - 1), frees what the release    *)
(* frees, clears view->obj and drops the reference: Release's step.  A    *)
(* struct with obj NULL, or an exporter without a counter, is released in *)
(* one step (Release).  The getbuffer side is AcquireStart/AcquireFinish. *)
(***************************************************************************)
ReleaseStart(c, s) ==
    /\ FreeThreaded
    /\ s[1] = c /\ view[s].held /\ ~Busy(c)
    /\ LET o == ReleaseReadObj(s) IN
       /\ o # Null /\ HasCounter(o)
       /\ ReleaseLocks(CounterOf(o)) => CounterFree(CounterOf(o))
       /\ pc' = [pc EXCEPT ![c] = [st |-> "releasing", s |-> s, e |-> o, a |-> view[s].acq,
                                    v |-> exports[CounterOf(o)], g |-> 0]]
    /\ UNCHANGED <<closed, alive, owned, rc, exports, gen, shared, master, view, acq, obs, res>>

ReleaseFinish(c) ==
    /\ pc[c].st = "releasing"
    /\ LET s == pc[c].s  o == pc[c].e  k == CounterOf(o)
           old == IF ReleaseReadsOld(k) THEN pc[c].v ELSE exports[k]
           eff == ReleaseEffectFrom(o, view[s].acq, s, old)
           v2  == ReleaseClearObj(s)
       IN /\ exports' = eff.exports
          /\ shared'  = eff.shared
          /\ rc'      = eff.rc
          /\ res'     = eff.res
          /\ view'    = v2
          /\ acq'     = Collect(eff.acq, v2, master, eff.res)
    /\ pc' = [pc EXCEPT ![c] = Idle]
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, master>>

-----------------------------------------------------------------------------
(* Consumers handling their structs.                                       *)

(* memcpy of a held struct into another of the consumer's structs.  Copies *)
(* share buf, internal and every pointer into exporter memory.  Exactly    *)
(* one of the two remains responsible for the release (the consumer        *)
(* decides which); the other is a borrowed copy that goes stale after the  *)
(* release.  ReleaseOriginalAndCopy: both believe they must release.       *)
CopyView(c, s, t) ==
    /\ s[1] = c /\ t[1] = c /\ s # t /\ ~Busy(c)
    /\ view[s].held /\ view[s].obj # Null /\ ~view[t].held
    /\ \E newOwner \in IF Bug = "ReleaseOriginalAndCopy" THEN {"orig", "copy", "both"}
                       ELSE {"orig", "copy"} :
         LET v2 == [view EXCEPT
                      ![t] = [view[s] EXCEPT !.held = newOwner \in {"copy", "both"}],
                      ![s].held = newOwner \in {"orig", "both"}]
         IN /\ view' = v2
            /\ acq' = Collect(acq, v2, master, res)
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, rc, exports, gen, shared, master, pc, res>>

(* The view in struct s may be used: its acquisition is live and, when its *)
(* shape and strides point into the struct it was filled in               *)
(* (PyBuffer_FillInfo), that struct still holds it: a copy that outlives  *)
(* its original dangles.                                                   *)
ValidView(s) ==
    /\ view[s].acq # NoAcq /\ Live(view[s].acq)
    /\ LET into == acq[view[s].acq].into
       IN into = NoHome \/ into = s \/ (into \in Structs /\ view[into].acq = view[s].acq)

(* Reading (and, for writable views, writing) through a struct: buf, len,  *)
(* shape, strides.  A correct consumer uses a view it holds or a borrowed  *)
(* copy while the view is valid; then the use changes nothing the model   *)
(* tracks, and NoDanglingView says the memory is there.  UseAfterRelease   *)
(* (numpy/numpy#15450) uses a struct after the view was released;          *)
(* CopyOutlivesOriginal uses a copy after its original struct was reused   *)
(* or went out of scope.  obs (GHOST) records the use and whether it was   *)
(* valid.  Next has UseView only in those two variants: in every other one *)
(* a use is valid by its guard, a stuttering step but for the ghost.       *)
UseView(c, s) ==
    /\ s[1] = c /\ ~Busy(c) /\ view[s].obj # Null
    /\ CASE Bug = "UseAfterRelease"      -> TRUE
         [] Bug = "CopyOutlivesOriginal" -> view[s].acq # NoAcq /\ Live(view[s].acq)
         [] OTHER                         -> ValidView(s)
    /\ obs' = [kind |-> "use", valid |-> ValidView(s)]
    /\ UNCHANGED <<closed, alive, owned, rc, exports, gen, shared, master, view, acq, pc, res>>

(* A struct the consumer is not responsible for goes out of scope (a stack *)
(* frame returns).  ViewNeverReleased: also one it is responsible for.     *)
DiscardView(c, s) ==
    /\ s[1] = c /\ ~Busy(c) /\ view[s].obj # Null
    /\ ~view[s].held \/ Bug = "ViewNeverReleased"
    /\ LET v2 == [view EXCEPT ![s] = EmptyView]
       IN /\ view' = v2
          /\ acq' = Collect(acq, v2, master, res)
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, rc, exports, gen, shared, master, pc, res>>

-----------------------------------------------------------------------------
(* Exporter life cycle.                                                    *)

(* The owner drops its reference (not while a call on e is in flight: the  *)
(* caller of PyObject_GetBuffer holds a reference for its duration).       *)
OwnerDrop(e) ==
    /\ owned[e]
    /\ \A c \in Consumers : pc[c].e # e
    /\ owned' = [owned EXCEPT ![e] = FALSE]
    /\ rc' = RcAdd(rc, e, -1)
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, exports, gen, shared, master, view, acq, pc, res>>

(* The master view of holder m given up (PyBuffer_Release(&master)): the  *)
(* effect on the shared variables, with m's master marked released.       *)
MasterObj(m) == acq[master[m].a].obj
GiveUpMaster(m, st) ==
    LET eff == ReleaseEffect(MasterObj(m), master[m].a, MasterOf(m))
        m2  == [master EXCEPT ![m] = [st |-> st, a |-> NoAcq]]
    IN [exports |-> eff.exports, shared |-> eff.shared, rc |-> eff.rc, res |-> eff.res,
        master |-> m2, acq |-> Collect(eff.acq, view, m2, eff.res)]

\* v unregisters from its managed buffer (st: v's state after), and the
\* managed buffer releases the master when v was the last one registered
\* (mbuf_release).  MemviewGivesUpBase: mbuf_release is called although a
\* sibling memoryview is still registered.
Unregister(v, st) ==
    LET mb == Base(v)
        registered == master[v].st \in {"holding", "unlinked"}
        ex == IF registered THEN [exports EXCEPT ![mb] = @ - 1] ELSE exports
        mv2 == [master EXCEPT ![v] = [st |-> st, a |-> NoAcq]]
        last == registered /\ master[mb].st = "holding"
                /\ (ex[mb] = 0 \/ Bug = "MemviewGivesUpBase")
        eff == ReleaseEffect(acq[master[mb].a].obj, master[mb].a, MasterOf(mb))
        m2 == [mv2 EXCEPT ![mb] = [st |-> "released", a |-> NoAcq]]
    IN IF last /\ mb \in RawMbufs
       \* over raw memory: PyBuffer_Release(&master) with master.obj NULL does nothing
       THEN [exports |-> ex, shared |-> shared, rc |-> rc, res |-> res, master |-> m2,
             acq |-> Collect(acq, view, m2, res)]
       ELSE IF last
       THEN [exports |-> [eff.exports EXCEPT ![mb] = ex[mb]], shared |-> eff.shared,
             rc |-> eff.rc, res |-> eff.res, master |-> m2,
             acq |-> Collect(eff.acq, view, m2, eff.res)]
       ELSE [exports |-> ex, shared |-> shared, rc |-> rc, res |-> res, master |-> mv2,
             acq |-> Collect(acq, view, mv2, res)]

(* The reference count reached zero: tp_dealloc frees the object and its   *)
(* memory.  A re-exporter, a managed buffer (mbuf_dealloc -> mbuf_release) *)
(* and a PickleBuffer (picklebuf_dealloc) release the export of their base *)
(* they still hold; a bytesiobuf drops its reference to its BytesIO; a     *)
(* memoryview (memory_dealloc) unregisters (_memory_release) and drops its *)
(* reference to its managed buffer (Py_CLEAR(self->mbuf)).  A managed      *)
(* buffer no memoryview() has created yet has no reference: its Dealloc    *)
(* stands for the program never creating it.                               *)
Dealloc(e) ==
    /\ alive[e] /\ rc[e] = 0
    /\ alive' = [alive EXCEPT ![e] = FALSE]
    /\ CASE e \in Holders /\ master[e].st = "holding" ->
            LET g == GiveUpMaster(e, "released") IN
            /\ CounterFree(CounterOf(MasterObj(e)))
            /\ exports' = g.exports
            /\ shared' = g.shared
            /\ rc' = g.rc
            /\ res' = g.res
            /\ master' = g.master
            /\ acq' = g.acq
         [] Kind(e) = "memview" /\ master[e].st \in {"holding", "released", "unlinked"} ->
            LET u == Unregister(e, "cleared") IN
            /\ CounterFree(Base(e))
            /\ exports' = u.exports
            /\ shared' = u.shared
            \* "unlinked" dropped its reference already
            /\ rc' = IF master[e].st = "unlinked" THEN u.rc ELSE [u.rc EXCEPT ![Base(e)] = @ - 1]
            /\ res' = u.res
            /\ master' = u.master
            /\ acq' = u.acq
         [] OTHER ->
            /\ rc' = IF Kind(e) = "redirect" THEN [rc EXCEPT ![Base(e)] = @ - 1] ELSE rc
            /\ UNCHANGED <<exports, shared, master, acq, res>>
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, owned, gen, view, pc>>

(* The owner resizes a resizable exporter: the memory moves.  Refused with *)
(* BufferError while exports are outstanding (bytearray, array, mmap,      *)
(* BytesIO); ResizeWhileExported forgets the check.  Free-threaded: the    *)
(* check and the move run in the object's critical section, so not while  *)
(* a locking getbuffer is between its check and its count;                 *)
(* ResizeRacesAcquire (python/cpython#154524 class) resizes without it.    *)
Resize(e) ==
    /\ Reachable(e) /\ Kind(e) = "plain" /\ ExpType[e].resizable /\ ~closed[e]
    /\ exports[e] = 0 \/ Bug = "ResizeWhileExported"
    /\ CounterFree(e) \/ Bug = "ResizeRacesAcquire"
    /\ gen' = [gen EXCEPT ![e] = 1 - @]
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, rc, exports, shared, master, view, acq, pc, res>>

(* close() frees the memory while the object lives (mmap.close(),          *)
(* mmap_close_method in Modules/mmapmodule.c, 3.11-3.15): refused with     *)
(* BufferError("cannot close exported pointers exist") while exported.    *)
(* CloseWhileExported forgets the check (the harm of numpy/numpy#9537,    *)
(* where the consumer held no export and the close succeeded).            *)
Close(e) ==
    /\ Reachable(e) /\ e \in Closable /\ ~closed[e]
    /\ exports[e] = 0 \/ Bug = "CloseWhileExported"
    /\ CounterFree(e)
    /\ closed' = [closed EXCEPT ![e] = TRUE]
    /\ obs' = NoObs
    /\ UNCHANGED <<alive, owned, rc, exports, gen, shared, master, view, acq, pc, res>>

CloseRefuse(e) ==
    /\ Reachable(e) /\ e \in Closable /\ ~closed[e] /\ exports[e] # 0
    /\ UNCHANGED vars

ResizeRefuse(e) ==
    /\ Reachable(e) /\ Kind(e) = "plain" /\ ExpType[e].resizable
    /\ exports[e] # 0
    /\ UNCHANGED vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Holders of a base export: a re-exporter m over base b, a managed buffer *)
(* (its master view), a PickleBuffer.  Each holds exactly one export of b  *)
(* (home MasterOf(m)).  A re-exporter counts its own exports and its      *)
(* release() is refused while it has exports.                              *)
(***************************************************************************)

\* m takes its export of b: a re-exporter's constructor; PickleBuffer(b)
\* (picklebuf_new).  The acquisition is of Target(b): a PickleBuffer passes
\* it on.  (A managed buffer takes its master in MemoryviewFromObject.)
ReExportAcquireBase(m) ==
    /\ Kind(m) \in {"reexport", "picklebuf"} /\ master[m].st = "new" /\ Reachable(m)
    /\ LET b == Base(m)  t == Target(Base(m)) IN
       /\ Reachable(b) /\ AcquireCheck(b, FALSE)
       /\ PoolAvailable
       /\ CounterFree(CounterOf(t))
       /\ LET a == NextAcq IN
          /\ acq' = [acq EXCEPT ![a] = AcquireFill(t, a, MasterOf(m))]
          /\ master' = [master EXCEPT ![m] = [st |-> "holding", a |-> a]]
          /\ res' = AcquireAlloc(t, a)
       /\ shared' = AcquireFillShared(t)
       /\ exports' = AcquireCount(t)
       /\ rc' = AcquireSetObj(t)
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, view, pc>>

\* m.release() with no exports of m: m releases its export of the base.
\* ReExporterReleasesBase: the check on m's own exports is missing.  A
\* PickleBuffer's release() (picklebuf_release: PyBuffer_Release(&self->view))
\* has no such check: it keeps no counter, its consumers' views are its base's.
ReExportReleaseBase(m) ==
    /\ Kind(m) \in {"reexport", "picklebuf"} /\ master[m].st = "holding" /\ Reachable(m)
    /\ exports[m] = 0 \/ Bug = "ReExporterReleasesBase"
    /\ CounterFree(m) /\ CounterFree(CounterOf(MasterObj(m)))
    /\ LET g == GiveUpMaster(m, "released") IN
       /\ exports' = g.exports
       /\ shared' = g.shared
       /\ rc' = g.rc
       /\ res' = g.res
       /\ master' = g.master
       /\ acq' = g.acq
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, view, pc>>

\* m.release() while m has exports: BufferError("memoryview has N exported buffer(s)").
ReExportRefuseRelease(m) ==
    /\ Kind(m) = "reexport" /\ master[m].st = "holding" /\ Reachable(m)
    /\ exports[m] # 0 /\ Bug # "ReExporterReleasesBase"
    /\ UNCHANGED vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Memoryviews on a managed buffer (Objects/memoryobject.c, 3.11-3.15).    *)
(* A memoryview v is registered on its managed buffer mb = Base(v):        *)
(* mbuf_add_view / mbuf_add_incomplete_view raise mb->exports and take a   *)
(* reference to mb.  memoryview(b) creates mb (ReExportAcquireBase) and    *)
(* registers the first memoryview; slicing, cast, toreadonly and           *)
(* memoryview(mv) register siblings on the same mb from a memoryview the   *)
(* program holds.  _memory_release unregisters: when mb->exports reaches 0 *)
(* mbuf_release releases the master view.                                 *)
(***************************************************************************)

\* the program reaches managed buffer mb through a memoryview on it that it
\* holds (it never holds a managed buffer itself)
MbufReachable(mb) ==
    /\ alive[mb] /\ master[mb].st = "holding"
    /\ \E u \in Memviews : Base(u) = mb /\ Reachable(u) /\ MemviewAccessible(u)

\* memoryview(b) (PyMemoryView_FromObject, memoryobject.c, 3.11-3.15) for b
\* not a memoryview: _PyManagedBuffer_FromObject creates the managed buffer
\* mb = Base(v) and calls PyObject_GetBuffer(b, &mb->master); mbuf_add_view
\* registers v (mb->exports = 1, a reference to mb); the constructor drops its
\* own reference to mb.  One step: it is one call, under the GIL.
MemoryviewFromObject(v) ==
    /\ Kind(v) = "memview" /\ Kind(Base(v)) = "mbuf" /\ master[v].st = "new" /\ Reachable(v)
    /\ LET mb == Base(v)  b == Base(Base(v))  t == Target(Base(Base(v))) IN
       /\ alive[mb] /\ master[mb].st = "new"
       /\ Reachable(b) /\ AcquireCheck(b, FALSE)
       /\ PoolAvailable
       /\ CounterFree(CounterOf(t))
       /\ LET a == NextAcq IN
          /\ acq' = [acq EXCEPT ![a] = AcquireFill(t, a, MasterOf(mb))]
          /\ master' = [master EXCEPT ![mb] = [st |-> "holding", a |-> a],
                                      ![v] = [st |-> "holding", a |-> NoAcq]]
          /\ res' = AcquireAlloc(t, a)
       /\ shared' = AcquireFillShared(t)
       /\ exports' = [AcquireCount(t) EXCEPT ![mb] = 1]
       /\ rc' = [AcquireSetObj(t) EXCEPT ![mb] = 1]       \* v's reference
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, view, pc>>

\* A sibling memoryview is registered on mb from a memoryview the program
\* holds: slicing, cast (mbuf_add_incomplete_view), toreadonly,
\* memoryview(mv) (mbuf_add_view), each after CHECK_RELEASED.
MemviewRegister(v) ==
    /\ Kind(v) = "memview" /\ master[v].st = "new" /\ Reachable(v)
    /\ MbufReachable(Base(v))
    /\ CounterFree(Base(v))
    /\ master' = [master EXCEPT ![v] = [st |-> "holding", a |-> NoAcq]]
    /\ exports' = [exports EXCEPT ![Base(v)] = @ + 1]
    /\ rc' = [rc EXCEPT ![Base(v)] = @ + 1]
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, shared, view, acq, pc, res>>

\* v.release() (memoryview_release_impl -> _memory_release) with no exports
\* of v: v unregisters; it keeps its reference to mb until it is deallocated.
MemviewRelease(v) ==
    /\ Kind(v) = "memview" /\ master[v].st = "holding" /\ Reachable(v)
    /\ exports[v] = 0
    /\ CounterFree(v) /\ CounterFree(Base(v))
    /\ master[Base(v)].st = "holding" /\ Base(v) \notin RawMbufs => CounterFree(CounterOf(MasterObj(Base(v))))
    /\ LET u == Unregister(v, "released") IN
       /\ exports' = u.exports
       /\ shared' = u.shared
       /\ rc' = u.rc
       /\ res' = u.res
       /\ master' = u.master
       /\ acq' = u.acq
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, view, pc>>

\* v.release() while v has exports: BufferError("memoryview has N exported
\* buffer(s)"), _memory_release.
MemviewRefuseRelease(v) ==
    /\ Kind(v) = "memview" /\ master[v].st = "holding" /\ Reachable(v)
    /\ exports[v] # 0
    /\ UNCHANGED vars

\* The cyclic GC clears a memoryview the program no longer references (its
\* remaining references come from garbage).  memory_clear (memoryobject.c,
\* 3.13, and 3.12.7 on: python/cpython#77894, fixed by gh-123898) does
\* nothing while the memoryview has exports; otherwise it unregisters
\* (_memory_release) and drops its reference to the managed buffer.
\* GcClearWhileExported is memory_clear before the fix: _memory_release
\* refuses (exports), but Py_CLEAR(self->mbuf) drops the reference anyway,
\* so the managed buffer can be deallocated (mbuf_release) under a
\* memoryview that still exports.  (A managed buffer's own tp_clear,
\* mbuf_clear, runs only when every memoryview on it is garbage too, and the
\* model's consumers never are: see docs/model.md.)
GcClear(v) ==
    /\ Kind(v) = "memview" /\ master[v].st \in {"holding", "released"} /\ alive[v] /\ ~owned[v]
    /\ exports[v] = 0 \/ (Bug = "GcClearWhileExported" /\ master[v].st = "holding")
    /\ CounterFree(v) /\ CounterFree(Base(v))
    /\ \A c \in Consumers : pc[c].e # v
    /\ IF exports[v] = 0
       THEN LET u == Unregister(v, "cleared") IN
            /\ master[Base(v)].st = "holding" /\ Base(v) \notin RawMbufs => CounterFree(CounterOf(MasterObj(Base(v))))
            /\ exports' = u.exports
            /\ shared' = u.shared
            /\ rc' = [u.rc EXCEPT ![Base(v)] = @ - 1]
            /\ res' = u.res
            /\ master' = u.master
            /\ acq' = u.acq
       ELSE /\ master' = [master EXCEPT ![v] = [st |-> "unlinked", a |-> NoAcq]]
            /\ rc' = [rc EXCEPT ![Base(v)] = @ - 1]
            /\ UNCHANGED <<exports, shared, res, acq>>
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, view, pc>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* PEP 688 classes (3.12+): a Python class x with __buffer__(flags)        *)
(* returning a memoryview, and optional __release_buffer__(mv).            *)
(* Objects/typeobject.c (read on main; the reference's RUN observations    *)
(* show the same events on 3.13.5, 3.14.10, 3.15.2):                       *)
(*  - slot_bf_getbuffer calls x.__buffer__(flags); the zoo's classes       *)
(*    return memoryview(self.data) (base: a managed buffer holding one    *)
(*    export of base, and a memoryview registered on it), then calls      *)
(*    PyObject_GetBuffer(mv, view, flags) (memory_getbuf: mv's own        *)
(*    exports + 1), creates the _buffer_wrapper w holding mv (wrapper->mv *)
(*    takes __buffer__'s reference) and a new reference to x              *)
(*    (wrapper->obj = Py_NewRef(self)), and sets view->obj = w (w's one   *)
(*    reference; Py_DECREF(ret) drops the one PyObject_GetBuffer took).   *)
(*  - PyBuffer_Release(view) dispatches on w's type: bufferwrapper_releasebuf *)
(*    returns at once when w->mv is NULL (released already); else it     *)
(*    calls mv's bf_releasebuffer (memory_releasebuf: mv's exports - 1),  *)
(*    then, when mv->view.obj is not x and x's bf_releasebuffer is        *)
(*    slot_bf_releasebuffer, releasebuffer_call_python: x.__release_buffer__ *)
(*    (mv), the same mv (the zoo's class calls mv.release(): _memory_release *)
(*    unregisters it and the managed buffer releases base's export); then  *)
(*    Py_CLEAR(w->mv) (mv deallocated: memory_dealloc unregisters it when *)
(*    __release_buffer__ did not) and Py_CLEAR(w->obj).  PyBuffer_Release *)
(*    then drops view->obj's reference: w is deallocated.                 *)
(* The model folds the memoryview and its managed buffer into the wrapper:  *)
(* exports[w] is mv's own counter, master[w] the export of base mv's       *)
(* managed buffer holds (home MasterOf(w)), rc[w] the wrapper's count.     *)
(* WrapperCallsInheritedRelease (gh-104223, fixed by PR #104227 before     *)
(* 3.12.0): bufferwrapper_releasebuf called x's bf_releasebuffer for any   *)
(* x whose slot was not NULL, including a C slot x inherits from its base  *)
(* type (class Z(bytearray) whose __buffer__ returns super().__buffer__:   *)
(* mv is over x itself); that slot then runs twice for one export, once   *)
(* from the wrapper and once when mv releases the master: the counter     *)
(* drops below the live exports.                                           *)
(***************************************************************************)

\* the second smallest free pool entry (a class's acquire takes two)
NextAcq2 == LET F == FreePool \ {NextAcq} IN CHOOSE a \in F : \A b \in F : a <= b

AcquireBufferWrapper(c, s, x, w) ==
    /\ ~FreeThreaded
    /\ Kind(x) = "pyclass"
    /\ s[1] = c /\ ~view[s].held /\ ~Busy(c)
    /\ Reachable(x) /\ AcquireCheck(x, w)
    /\ Cardinality(FreePool) >= 2
    /\ LET pw == WrapperOf(x)
           t  == Target(Base(x))     \* memoryview(self.data): its master's object
           a1 == NextAcq             \* the managed buffer's master view of t
           a2 == NextAcq2            \* the consumer's view, obj the wrapper
           v2 == [view EXCEPT ![s] = AcquireReturn(pw, a2)]
           m2 == [master EXCEPT ![pw] = [st |-> "holding", a |-> a1]]
           r2 == AcquireAlloc(t, a1)
       IN /\ acq' = Collect([acq EXCEPT ![a1] = AcquireFill(t, a1, MasterOf(pw)),
                                        ![a2] = AcquireFill(pw, a2, s)], v2, m2, r2)
          /\ master' = m2
          /\ view' = v2
          /\ res' = r2
          /\ shared' = AcquireFillShared(t)
          /\ exports' = [AcquireCount(t) EXCEPT ![pw] = @ + 1]   \* memory_getbuf on mv
          \* the master's reference to t, w's reference to x, view->obj's to w
          /\ rc' = [RcAdd(AcquireSetObj(t), x, 1) EXCEPT ![pw] = 1]
          /\ alive' = [alive EXCEPT ![pw] = TRUE]
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, owned, gen, pc>>

ReleaseBufferWrapper(c, s) ==
    /\ s[1] = c /\ view[s].held /\ ~Busy(c)
    /\ view[s].obj \in Wrappers
    /\ LET pw == view[s].obj  x == Base(pw)  a == view[s].acq
           v2 == ReleaseClearObj(s)
       IN IF master[pw].st = "holding"
          THEN LET t   == MasterObj(pw)
                   k   == CounterOf(t)
                   g   == GiveUpMaster(pw, "released")     \* mv released: base's export
                   \* the bug: x's inherited C bf_releasebuffer (its base type's) runs too
                   dbl == Bug = "WrapperCallsInheritedRelease" /\ ~ExpType[x].release
                          /\ HasCounter(t)
                   ex  == [g.exports EXCEPT ![pw] = @ - 1]      \* memory_releasebuf(mv)
                   ac  == [g.acq EXCEPT ![a].st = "released", ![a].rel = @ + 1]
               IN /\ exports' = IF dbl THEN [ex EXCEPT ![k] = @ - 1] ELSE ex
                  /\ shared' = g.shared
                  \* Py_CLEAR(w->obj), then PyBuffer_Release's Py_DECREF(w)
                  /\ rc' = [RcAdd(g.rc, x, -1) EXCEPT ![pw] = @ - 1]
                  /\ res' = g.res
                  /\ master' = g.master
                  /\ acq' = Collect(ac, v2, g.master, g.res)
          \* w->mv is NULL: bufferwrapper_releasebuf returns; only the Py_DECREF(w)
          ELSE /\ rc' = [rc EXCEPT ![pw] = @ - 1]
               /\ acq' = Collect(IF a = NoAcq THEN acq
                                 ELSE [acq EXCEPT ![a].st = "released", ![a].rel = @ + 1],
                                 v2, master, res)
               /\ UNCHANGED <<exports, shared, res, master>>
    /\ view' = ReleaseClearObj(s)
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, pc>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Managed buffers over memory the caller owns (Objects/memoryobject.c,    *)
(* PyMemoryView_FromMemory and PyMemoryView_FromBuffer, the same in 3.11,  *)
(* 3.13, 3.14 and main).  Both call mbuf_alloc, not                       *)
(* _PyManagedBuffer_FromObject: the master view is filled by               *)
(* PyBuffer_FillInfo(&mbuf->master, NULL, mem, ...) (FromMemory) or copied *)
(* from the caller's Py_buffer with master.obj set to NULL (FromBuffer:    *)
(* "info->obj is either NULL or a borrowed reference"), so no getbuffer is *)
(* called and no export is held; mbuf_add_view registers the memoryview   *)
(* (mb->exports = 1, a reference to mb).  Its memoryviews are memoryviews *)
(* like any other (exports, release, siblings: the actions above), and    *)
(* mbuf_release's PyBuffer_Release(&master) does nothing (obj NULL).  The  *)
(* memory is the caller's: it must keep it alive while a memoryview can   *)
(* read it (the C API documentation of PyMemoryView_FromMemory; io's      *)
(* buffered readinto and many C extensions rely on it).                   *)
(***************************************************************************)

\* PyMemoryView_FromMemory(mem, size, flags) / PyMemoryView_FromBuffer(info):
\* a new managed buffer mb = Base(v) over the caller's memory, and the
\* memoryview v registered on it.  One step: one call, under the GIL.
MemoryviewFromMemory(v) ==
    /\ Kind(v) = "memview" /\ Kind(Base(v)) = "rawmbuf" /\ master[v].st = "new" /\ Reachable(v)
    /\ LET mb == Base(v) IN
       /\ alive[mb] /\ master[mb].st = "new" /\ ~closed[mb]
       /\ master' = [master EXCEPT ![mb] = [st |-> "holding", a |-> NoAcq],
                                   ![v] = [st |-> "holding", a |-> NoAcq]]
       /\ exports' = [exports EXCEPT ![mb] = 1]
       /\ rc' = [rc EXCEPT ![mb] = 1]       \* v's reference
    /\ obs' = NoObs
    /\ UNCHANGED <<closed, alive, owned, gen, shared, view, acq, pc, res>>

\* The caller frees (or reuses) the memory of raw managed buffer m.  Correct
\* once no memoryview can read it: mbuf_release ran (the last memoryview on
\* m was released, BASE_INACCESSIBLE from then on) or m is gone; before m is
\* made it is only the caller's memory.  RawMemoryFreedUnderView frees it
\* while a memoryview on m is still registered: NoDanglingView.
FreeRawMemory(m) ==
    /\ Kind(m) = "rawmbuf" /\ ~closed[m]
    /\ master[m].st # "holding" \/ ~alive[m] \/ Bug = "RawMemoryFreedUnderView"
    /\ closed' = [closed EXCEPT ![m] = TRUE]
    /\ obs' = NoObs
    /\ UNCHANGED <<alive, owned, rc, exports, gen, shared, master, view, acq, pc, res>>

-----------------------------------------------------------------------------
Init ==
    \* a buffer wrapper exists only while a view of its class is out
    /\ alive   = [e \in Exporters |-> e \notin Wrappers]
    /\ owned   = [e \in Exporters |-> e \notin Mbufs \cup Wrappers]
    \* the owner's reference, plus a bytesiobuf's reference to its BytesIO; the
    \* program holds no managed buffer (a memoryview's reference is its only one)
    /\ rc      = [e \in Exporters |-> IF e \in Mbufs \cup Wrappers THEN 0
                                     ELSE 1 + Cardinality({r \in Redirects : Base(r) = e})]
    /\ exports = [e \in Exporters |-> 0]
    /\ gen     = [e \in Exporters |-> 0]
    /\ shared  = [e \in Exporters |-> FALSE]
    /\ master  = [e \in Exporters |-> [st |-> IF e \in Holders \cup Memviews \cup RawMbufs THEN "new" ELSE "none",
                                       a |-> NoAcq]]
    /\ view    = [s \in Structs |-> EmptyView]
    /\ acq     = [a \in Acqs |-> FreeAcq]
    /\ pc      = [c \in Consumers |-> Idle]
    /\ obs     = NoObs
    /\ res     = [a \in Acqs |-> 0]
    /\ closed  = [e \in Exporters |-> FALSE]


ConsumerStep(c) ==
    \/ \E s \in {c} \X Slots, e \in Exporters, w \in BOOLEAN :
          Acquire(c, s, e, w) \/ AcquireStart(c, s, e, w)
    \/ AcquireFinish(c)
    \/ \E s \in {c} \X Slots : AcquireRefuse(c, s, NotExporter, FALSE)
    \/ \E s \in {c} \X Slots, t \in Exporters, w \in BOOLEAN : AcquireRefuse(c, s, t, w)
    \/ \E s \in {c} \X Slots : Release(c, s) \/ ReleaseStart(c, s) \/ DiscardView(c, s)
    \/ ReleaseFinish(c)
    \/ \E s \in {c} \X Slots, x \in Exporters, w \in BOOLEAN : AcquireBufferWrapper(c, s, x, w)
    \/ \E s \in {c} \X Slots : ReleaseBufferWrapper(c, s)
    \/ \E s, t \in {c} \X Slots : CopyView(c, s, t)
    \/ Bug \in UseBugs /\ \E s \in {c} \X Slots : UseView(c, s)

ExporterStep(e) ==
    \/ OwnerDrop(e) \/ Dealloc(e) \/ Resize(e) \/ Close(e)
    \/ ReExportAcquireBase(e) \/ ReExportReleaseBase(e) \/ GcClear(e)
    \/ MemoryviewFromObject(e) \/ MemviewRegister(e) \/ MemviewRelease(e)
    \/ MemoryviewFromMemory(e) \/ FreeRawMemory(e)

\* UseView, ResizeRefuse, ReExportRefuseRelease and MemviewRefuseRelease change no variable: they are
\* stuttering steps, which [Next]_vars allows anyway, so Next leaves them out
\* (including them would only make TLC regenerate every state it already has).
\* They are named so that a trace (tla/TraceBufferProtocol.tla) can map its
\* events onto them; their guards say when the event is legitimate.

\* The end of the program: every object deallocated, every struct out of
\* scope.  Nothing can happen any more; the one state where stopping is
\* correct (any other state without a step is a deadlock).
Finished ==
    /\ \A e \in Exporters : ~alive[e] \/ IsImmortal(e)
    /\ \A s \in Structs : view[s] = EmptyView
    /\ UNCHANGED vars

Next == (\E c \in Consumers : ConsumerStep(c)) \/ (\E e \in Exporters : ExporterStep(e))
        \/ Finished

(* Fairness for the liveness properties: only what the runtime and the     *)
(* exporter do on their own, never what a program chooses: an in-flight   *)
(* acquire or release completes, and an object whose count reached zero is *)
(* deallocated (which releases a memoryview's export of its base).  A      *)
(* correct program may hold a view or an object forever: no fairness on   *)
(* Release or OwnerDrop.  (A thread has one call in flight, so one weak   *)
(* fairness for both second steps is weak fairness of each.)              *)
Fairness ==
    /\ \A c \in Consumers : WF_vars(AcquireFinish(c) \/ ReleaseFinish(c))
    /\ \A e \in Exporters : WF_vars(Dealloc(e))

Spec     == Init /\ [][Next]_vars
FairSpec == Spec /\ Fairness

-----------------------------------------------------------------------------
(***************************************************************************)
(* Properties.  Names are those of bufspec.model.Property.                  *)
(***************************************************************************)

\* the memoryviews that hold a reference to managed buffer mb (mbuf_add_view
\* took it; memory_dealloc and memory_clear drop it), and those registered
\* on it (counted in mb->exports)
MbufRefs(mb)   == {v \in Memviews : Base(v) = mb /\ alive[v] /\ master[v].st \in {"holding", "released"}}
Registered(mb) == {v \in Memviews : Base(v) = mb /\ master[v].st \in {"holding", "unlinked"}}

\* the references really held on e: its owner, every live view's obj, a
\* bytesiobuf's reference to its BytesIO and a memoryview's to its managed
\* buffer (a holder's hold on its base is its master view, a live acquisition)
\* a live buffer wrapper's reference to its class's object (wrapper->obj)
WrapperRefs(e) == Cardinality({w \in Wrappers : Base(w) = e /\ alive[w] /\ master[w].st = "holding"})

RealRefs(e) ==
    (IF owned[e] THEN 1 ELSE 0)
    + Cardinality({a \in LiveAcqs : acq[a].obj = e})
    + Cardinality({r \in Redirects : alive[r] /\ Base(r) = e})
    + Cardinality(MbufRefs(e))
    + WrapperRefs(e)

\* a type's counter is its live views; a managed buffer's (mbuf->exports) is
\* the memoryviews registered on it
ExportCountMatchesViews ==
    \A e \in Exporters :
        exports[e] = IF e \in Mbufs THEN Cardinality(Registered(e))
                     ELSE Cardinality({a \in LiveAcqs : acq[a].cnt = e})

\* the memory of a view is its owner's (acq.mem: the root of a chain), and so
\* is the shared memory (shape/format arrays) its pointers lead into
NoDanglingView ==
    /\ \A a \in LiveAcqs :
        /\ alive[acq[a].mem] /\ ~closed[acq[a].mem]
        /\ gen[acq[a].mem] = acq[a].gen
        /\ ExpType[acq[a].mem].shared => shared[acq[a].mem]
    \* a memoryview over raw memory that can still read it reads live memory
    /\ \A v \in Memviews : Base(v) \in RawMbufs /\ MemviewAccessible(v) => ~closed[Base(v)]

NoDeallocWhileReferenced ==
    /\ \A a \in LiveAcqs : alive[acq[a].obj]
    /\ \A r \in Redirects : alive[r] => alive[Base(r)]
    /\ \A mb \in Mbufs : MbufRefs(mb) # {} => alive[mb]
    /\ \A w \in Wrappers : WrapperRefs(Base(w)) > 0 => alive[Base(w)]

\* An immortal's ob_refcnt is a marker, not a count (3.13:
\* _Py_IMMORTAL_REFCNT, Include/object.h; 3.14+: _Py_IMMORTAL_INITIAL_REFCNT
\* in the low 32 bits with flag bits above, Include/refcount.h): no step moves
\* it and it is never deallocated, so neither this nor NoLeakedReference
\* judges it (as the replay validator ignores the rc of an event marked
\* immortal); every mortal object's count is judged as before.
RefCountCoversReferences == \A e \in Exporters : ~IsImmortal(e) => rc[e] >= RealRefs(e)

\* Every non-NULL obj in a struct comes from a successful acquire, and the
\* last step, if it was a failed acquire, changed no obj, counter or refcount.
FailedAcquireLeavesNoTrace ==
    /\ \A s \in Structs : view[s].obj # Null => view[s].acq # NoAcq
    /\ obs.kind = "fail" => ~obs.objSet /\ obs.dExports = 0 /\ obs.dRc = 0

ReleaseSeesOwnInternal ==
    \A a \in Acqs : acq[a].seen # NotCalled => acq[a].seen = acq[a].internal

\* (A failed acquire cannot be released: its struct's obj is NULL or the stale
\* obj of an earlier acquisition, whose count this then raises; a struct whose
\* obj a failed acquire set violates FailedAcquireLeavesNoTrace first.)
ReleasedAtMostOnce == \A a \in Acqs : acq[a].rel <= 1

\* a re-exporter with exports, and a managed buffer with memoryviews
\* registered, hold their base export; a memoryview with exports is
\* registered on its managed buffer
ReExporterHoldsBase ==
    /\ \A m \in ReExporters \cup Mbufs \cup Wrappers : exports[m] # 0 => master[m].st = "holding"
    /\ \A v \in Memviews : exports[v] # 0 => master[v].st = "holding"

\* the references some holder will give back: the owner's, each live view's
\* obj counted once for the struct (or managed buffer) that must release it,
\* and a bytesiobuf's reference to its BytesIO
HeldViews(a) ==
    Cardinality({s \in Structs : view[s].held /\ view[s].acq = a})
    + Cardinality({m \in Holders : master[m].st = "holding" /\ master[m].a = a})
HeldRefs(e) ==
    (IF owned[e] THEN 1 ELSE 0)
    + Cardinality({a \in LiveAcqs : acq[a].obj = e /\ HeldViews(a) > 0})
    + Cardinality({r \in Redirects : alive[r] /\ Base(r) = e})
    + Cardinality(MbufRefs(e))
    + WrapperRefs(e)

\* no reference is taken that no holder will give back: a leak (the object
\* can never be deallocated)
NoLeakedReference == \A e \in Exporters : alive[e] /\ ~IsImmortal(e) => rc[e] <= HeldRefs(e)

\* every live view has exactly one holder who will release it (a struct the
\* consumer must release, or a managed buffer's master), and a struct the
\* consumer must release with a non-NULL obj holds a live view
OneHolderPerView ==
    /\ \A a \in LiveAcqs : HeldViews(a) = 1
    /\ \A s \in Structs : view[s].held /\ view[s].obj # Null =>
                            view[s].acq # NoAcq /\ Live(view[s].acq)

\* a per-view resource is in use only while its acquisition is live
NoLeakedViewResource ==
    \A a \in Acqs : res[a] > 0 => acq[a].st = "live"

\* every use of a view is of a valid one (no use after release, no use of a
\* copy whose original struct is gone)
NoUseOfInvalidView == obs.kind = "use" => obs.valid

\* no step frees a per-view resource that is not allocated (an action property)
NoDoubleFree == [][\A a \in Acqs : res'[a] < res[a] => res[a] > 0]_vars

\* Liveness, once the program lets go (every struct it must release released,
\* every object dropped, no acquire in flight): what the exporter and the
\* runtime then guarantee.  A correct program that keeps something never
\* lets go, so it cannot fail them; a leak or a lost release does.
LetGo ==
    /\ \A s \in Structs : ~view[s].held
    /\ \A e \in Exporters : ~owned[e]
    /\ \A c \in Consumers : ~Busy(c)

EveryViewReleased == \A a \in Acqs : LetGo ~> ~Live(a)

ExportCountsReturnToZero == \A e \in Exporters : LetGo ~> exports[e] = 0

\* (an immortal object is never deallocated)
DroppedExportersDeallocated == \A e \in Exporters \ {i \in Exporters : IsImmortal(i)} : LetGo ~> ~alive[e]

=============================================================================
