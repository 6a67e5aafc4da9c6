-------------------------- MODULE MCBufferProtocol --------------------------
(***************************************************************************)
(* Model values, exporter types, symmetry and bounds for the .cfg files    *)
(* (CCF style: the spec has no model-specific choices; every config picks  *)
(* its objects from the exporter zoo below).                               *)
(***************************************************************************)
EXTENDS BufferProtocol, TLC

\* The exporter zoo: model values, each standing for one kind of real exporter.
CONSTANTS
    std,  \* the seed's "standard implementation": releasebuffer, internal, shared memory
    mv,   \* a memoryview re-exporting std (managed buffer holds one export of std)
    ba,   \* bytearray: releasebuffer only decrements ob_exports; resizable
    bio,  \* io.BytesIO: counter, resizable (write/truncate refused while exported)
    rd,   \* BytesIO.getbuffer()'s hidden bytesiobuf: a redirect to bio
    ro,   \* a read-only mmap: counter, refuses PyBUF_WRITABLE
    by    \* bytes: read-only, bf_releasebuffer is NULL, no counter

T(kind, base, release, internal, sh, resizable, readonly) ==
    [kind |-> kind, base |-> base, release |-> release, internal |-> internal,
     shared |-> sh, resizable |-> resizable, readonly |-> readonly]

TypeOf(x) ==
    CASE x = std -> T("plain",    Null, TRUE,  TRUE,  TRUE,  TRUE,  FALSE)
      [] x = mv  -> T("reexport", std,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = ba  -> T("plain",    Null, TRUE,  FALSE, FALSE, TRUE,  FALSE)
      [] x = bio -> T("plain",    Null, TRUE,  FALSE, FALSE, TRUE,  FALSE)
      [] x = rd  -> T("redirect", bio,  TRUE,  FALSE, FALSE, FALSE, FALSE)
      [] x = ro  -> T("plain",    Null, TRUE,  FALSE, FALSE, FALSE, TRUE)
      [] x = by  -> T("plain",    Null, FALSE, FALSE, FALSE, FALSE, TRUE)

MCExpType == [x \in Exporters |-> TypeOf(x)]

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
      [] x = mv         -> CASE v = "3.13t"             -> "plain"
                             [] v \in {"3.14t", "3.15t"} -> "atomic"
                             [] OTHER                   -> "critical"
      [] x = by         -> "plain"
      [] x = std        -> "critical"
MCDiscipline313t == [x \in Exporters |-> DisciplineOf("3.13t", x)]
MCDiscipline314t == [x \in Exporters |-> DisciplineOf("3.14t", x)]
MCDiscipline315t == [x \in Exporters |-> DisciplineOf("3.15t", x)]
MCDisciplineMain == [x \in Exporters |-> DisciplineOf("main", x)]
\* With the GIL (FreeThreaded = FALSE) no action reads Discipline: each C
\* call runs as if in one critical section, which is what this says.
MCDisciplineGIL  == [x \in Exporters |-> "critical"]

\* mmap.close(): the read-only mmap ro is the zoo's closable exporter
MCClosable == {x \in Exporters : x = ro}

\* Consumers are interchangeable threads: sound for invariants only (TLC's
\* liveness checking is unsound under symmetry), so liveness configs omit it.
MCSymmetry == Permutations(Consumers)

\* Bounds that only matter in bug variants (counts run away after a violation).
MCConstraint ==
    \A e \in Exporters : rc[e] \in -2..(MaxViews + 4) /\ exports[e] \in -2..(MaxViews + 2)
=============================================================================
