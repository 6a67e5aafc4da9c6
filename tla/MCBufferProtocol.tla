-------------------------- MODULE MCBufferProtocol --------------------------
(***************************************************************************)
(* Model values, exporter types, symmetry and bounds for the .cfg files    *)
(* (CCF style: the spec has no model-specific choices; every config picks  *)
(* its objects from the exporter zoo below).                               *)
(***************************************************************************)
EXTENDS BufferProtocol, TLC

\* The exporter zoo: model values, each standing for one kind of real object.
CONSTANTS
    std,  \* the seed's "standard implementation": releasebuffer, internal, shared memory
    mv,   \* a re-exporter over std with its own getbuffer and counter (NumPy-like;
          \* also a managed buffer and its memoryviews as one object, as traces map them)
    ba,   \* bytearray: releasebuffer only decrements ob_exports; resizable
    bio,  \* io.BytesIO: no bf_getbuffer (TypeError); counter, resizable (write/truncate
          \* refused while exported)
    rd,   \* BytesIO.getbuffer()'s hidden bytesiobuf: a redirect to bio
    ro,   \* a read-only mmap: counter, refuses PyBUF_WRITABLE, close()
    by,   \* bytes: read-only, bf_releasebuffer is NULL, no counter
    mb,   \* memoryview(ba)'s managed buffer: no bf_getbuffer, holds the master of ba
    m1,   \* the memoryview memoryview(ba) returns, registered on mb
    m2,   \* a sibling on mb: m1.toreadonly() (or a slice, cast, memoryview(m1))
    np,   \* a re-exporter over ba (a NumPy array over a bytearray)
    nb,   \* memoryview(np)'s managed buffer: a chain two deep
    n1,   \* the memoryview on nb
    bb,   \* BytesIO.getbuffer()'s managed buffer, over the bytesiobuf rd
    b1,   \* the memoryview BytesIO.getbuffer() returns, registered on bb
    pb,   \* pickle.PickleBuffer(ba): the pure redirect
    be,   \* b"": bytes, immortal from 3.12 (PEP 683), so its refcount never moves
    px,   \* a PEP 688 class (3.12+) over ba: __buffer__ returns memoryview(self.data),
          \* __release_buffer__(mv) calls mv.release() (PEP 688's example)
    pw,   \* px's hidden _buffer_wrapper, the obj of its views (Objects/typeobject.c)
    pz,   \* class Z(bytearray) whose __buffer__ returns super().__buffer__(flags), no
          \* __release_buffer__: ba stands for the object's own bytearray part
    zw    \* pz's _buffer_wrapper

\* T(kind, base, getbuffer, release, internal, shared, resizable, readonly)
T(kind, base, getbuffer, release, internal, sh, resizable, readonly) ==
    [kind |-> kind, base |-> base, getbuffer |-> getbuffer, release |-> release,
     internal |-> internal, shared |-> sh, resizable |-> resizable, readonly |-> readonly]

TypeOf(x) ==
    CASE x = std -> T("plain",     Null, TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  FALSE)
      [] x = mv  -> T("reexport",  std,  TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = ba  -> T("plain",     Null, TRUE,  TRUE,  FALSE, FALSE, TRUE,  FALSE)
      [] x = bio -> T("plain",     Null, FALSE, TRUE,  FALSE, FALSE, TRUE,  FALSE)
      [] x = rd  -> T("redirect",  bio,  TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = ro  -> T("plain",     Null, TRUE,  TRUE,  FALSE, FALSE, FALSE, TRUE)
      [] x = by  -> T("plain",     Null, TRUE,  FALSE, FALSE, FALSE, FALSE, TRUE)
      [] x = mb  -> T("mbuf",      ba,   FALSE, FALSE, FALSE, FALSE, FALSE, FALSE)
      [] x = m1  -> T("memview",   mb,   TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = m2  -> T("memview",   mb,   TRUE,  TRUE,  FALSE, FALSE, FALSE, TRUE)
      [] x = np  -> T("reexport",  ba,   TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = nb  -> T("mbuf",      np,   FALSE, FALSE, FALSE, FALSE, FALSE, FALSE)
      [] x = n1  -> T("memview",   nb,   TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = bb  -> T("mbuf",      rd,   FALSE, FALSE, FALSE, FALSE, FALSE, FALSE)
      [] x = b1  -> T("memview",   bb,   TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = pb  -> T("picklebuf", ba,   TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE)
      [] x = be  -> T("plain",     Null, TRUE,  FALSE, FALSE, FALSE, FALSE, TRUE)
      \* (for a pyclass, release: a Python __release_buffer__ (slot_bf_releasebuffer))
      [] x = px  -> T("pyclass",   ba,   TRUE,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = pw  -> T("bufwrapper", px,  FALSE, TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = pz  -> T("pyclass",   ba,   TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE)
      [] x = zw  -> T("bufwrapper", pz,  FALSE, TRUE,  FALSE, FALSE, FALSE, FALSE)

MCExpType == [x \in Exporters |-> TypeOf(x)]

\* The zoo with mb a managed buffer over memory the caller owns
\* (PyMemoryView_FromMemory / PyMemoryView_FromBuffer: kind "rawmbuf", no
\* base): m1 the memoryview the call returns, m2 a sibling (m1.toreadonly()).
MCExpTypeRawMemory ==
    [x \in Exporters |-> IF x = mb THEN T("rawmbuf", Null, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE)
                         ELSE TypeOf(x)]

\* Free-threaded CPython: the discipline of each zoo type's export counter
\* in version v (docs/model.md, "Free-threaded CPython", where each entry is
\* traced to its CPython file, function and issue).  A redirect (rd) counts
\* on its base; bytes (by) keeps no counter; std, the seed's standard
\* implementation, is no CPython type and does it right.  "main" is the
\* development branch after gh-127716 (PR #156248, merged 2026-11-05, in no
\* release): taken here as serialising memoryview's getbuffer, releasebuffer
\* and release() like a critical section.
FtVersions == {"3.13t", "3.14t", "3.15t", "main"}
DisciplineOf(v, x) ==
    CASE x \in {ba, ro} -> IF v = "3.13t" THEN "plain" ELSE "critical"
      [] x \in {bio, rd} -> IF v = "3.13t" THEN "plain" ELSE "atomiclocked"
      \* a memoryview's own exports (mv: a memoryview and its managed buffer as one)
      [] x \in {mv, m1, m2, n1, b1} -> CASE v = "3.13t"             -> "plain"
                                        [] v \in {"3.14t", "3.15t"} -> "atomic"
                                        [] OTHER                   -> "critical"
      \* a managed buffer's mbuf->exports: plain ++/-- in every version (gh-155606)
      [] x \in {mb, nb, bb} -> "plain"
      \* PickleBuffer: no counter, no lock (its getbuffer passes the call on)
      [] x = pb         -> "plain"
      [] x = by         -> "plain"
      \* std and np (NumPy-like) are no CPython types: they do it right
      [] x \in {std, np} -> "critical"
      \* b"": no counter; PEP 688 classes are modelled under the GIL only
      [] x = be          -> "plain"
      [] x \in {px, pw, pz, zw} -> "critical"
MCDiscipline313t == [x \in Exporters |-> DisciplineOf("3.13t", x)]
MCDiscipline314t == [x \in Exporters |-> DisciplineOf("3.14t", x)]
MCDiscipline315t == [x \in Exporters |-> DisciplineOf("3.15t", x)]
MCDisciplineMain == [x \in Exporters |-> DisciplineOf("main", x)]
\* With the GIL (FreeThreaded = FALSE) no action reads Discipline: each C
\* call runs as if in one critical section, which is what this says.
MCDisciplineGIL  == [x \in Exporters |-> "critical"]

\* mmap.close(): the read-only mmap ro is the zoo's closable exporter
MCClosable == {x \in Exporters : x = ro}

\* b"" is the zoo's immortal object (CPython 3.12+; the spec ignores it for "3.11")
MCImmortals == {x \in Exporters : x = be}

\* Consumers are interchangeable threads: sound for invariants only (TLC's
\* liveness checking is unsound under symmetry), so liveness configs omit it.
MCSymmetry == Permutations(Consumers)

\* Bounds that only matter in bug variants (counts run away after a violation).
MCConstraint ==
    \A e \in Exporters : rc[e] \in -2..(MaxViews + 4) /\ exports[e] \in -2..(MaxViews + 2)
=============================================================================
