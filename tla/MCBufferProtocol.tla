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

\* mmap.close(): the read-only mmap ro is the zoo's closable exporter
MCClosable == {x \in Exporters : x = ro}

\* Consumers are interchangeable threads: sound for invariants only (TLC's
\* liveness checking is unsound under symmetry), so liveness configs omit it.
MCSymmetry == Permutations(Consumers)

\* Bounds that only matter in bug variants (counts run away after a violation).
MCConstraint ==
    \A e \in Exporters : rc[e] \in -2..(MaxViews + 4) /\ exports[e] \in -2..(MaxViews + 2)
=============================================================================
