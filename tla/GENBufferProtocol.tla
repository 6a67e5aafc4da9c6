------------------------- MODULE GENBufferProtocol -------------------------
(***************************************************************************)
(* Behaviours for generated logs (differential conformance).               *)
(* BufferProtocol's Init and Next, each step labelled with the action and  *)
(* its arguments in the extra variable step, so that a behaviour written   *)
(* by TLC's simulator (-simulate file=...) says which action every state   *)
(* came from.  The stuttering actions the tracer sees (ResizeRefuse,       *)
(* ReExportRefuseRelease) are included here as labelled steps; UseView,    *)
(* which no tracer sees and changes nothing, is left out.  Rendered as     *)
(* bufspec-trace v1 logs by bufspec.gen.  Run by `bufspec conform          *)
(* --generated N`; not a check (no bufspec-expect line in the .cfg files). *)
(***************************************************************************)
EXTENDS MCBufferProtocol

VARIABLE step

GenInit == Init /\ step = <<"Init">>

GenConsumerStep(c) ==
    \/ \E s \in {c} \X Slots, e \in Exporters, w \in BOOLEAN :
          \/ Acquire(c, s, e, w) /\ step' = <<"Acquire", c, s, e, w>>
          \/ AcquireStart(c, s, e, w) /\ step' = <<"AcquireStart", c, s, e, w>>
    \/ AcquireFinish(c) /\ step' = <<"AcquireFinish", c>>
    \/ \E s \in {c} \X Slots :
          Refuse(c, s, NotExporter, FALSE) /\ step' = <<"AcquireRefuse", c, s, NotExporter, FALSE>>
    \/ \E s \in {c} \X Slots, t \in Exporters, w \in BOOLEAN :
          Refuse(c, s, t, w) /\ step' = <<"AcquireRefuse", c, s, t, w>>
    \/ \E s \in {c} \X Slots :
          \/ Release(c, s) /\ step' = <<"Release", c, s>>
          \/ ReleaseStart(c, s) /\ step' = <<"ReleaseStart", c, s>>
          \/ DiscardView(c, s) /\ step' = <<"DiscardView", c, s>>
    \/ ReleaseFinish(c) /\ step' = <<"ReleaseFinish", c>>
    \/ \E s, t \in {c} \X Slots : CopyView(c, s, t) /\ step' = <<"CopyView", c, s, t>>

GenExporterStep(e) ==
    \/ OwnerDrop(e) /\ step' = <<"OwnerDrop", e>>
    \/ Dealloc(e) /\ step' = <<"Dealloc", e>>
    \/ Resize(e) /\ step' = <<"Resize", e>>
    \/ ResizeRefuse(e) /\ step' = <<"ResizeRefuse", e>>
    \/ ReExportAcquireBase(e) /\ step' = <<"ReExportAcquireBase", e>>
    \/ ReExportReleaseBase(e) /\ step' = <<"ReExportReleaseBase", e>>
    \/ ReExportRefuseRelease(e) /\ step' = <<"ReExportRefuseRelease", e>>

GenNext == (\E c \in Consumers : GenConsumerStep(c)) \/ (\E e \in Exporters : GenExporterStep(e))

GenSpec == GenInit /\ [][GenNext]_<<vars, step>>
=============================================================================
