---------------------------- MODULE MiniBuffer ----------------------------
(* A two-action excerpt of the buffer protocol with the model's variable   *)
(* names (alive, rc, exports, view, obs), so that the report tests can run  *)
(* real TLC end to end without the full model: one consumer, one struct,   *)
(* one exporter. With BadRelease the release decrefs view->obj a second    *)
(* time (the blog post's wrong bf_releasebuffer).                          *)
EXTENDS Integers, TLC
CONSTANTS Null, c1, std, BadRelease
VARIABLES alive, rc, exports, view, obs
vars == <<alive, rc, exports, view, obs>>
S == <<c1, 1>>

Init == /\ alive = (std :> TRUE)
        /\ rc = (std :> 1)
        /\ exports = (std :> 0)
        /\ view = (S :> [obj |-> Null, held |-> FALSE])
        /\ obs = [kind |-> "none"]

Acquire == /\ ~view[S].held
           /\ view' = (S :> [obj |-> std, held |-> TRUE])
           /\ rc' = (std :> rc[std] + 1)
           /\ exports' = (std :> exports[std] + 1)
           /\ obs' = [kind |-> "none"]
           /\ UNCHANGED alive

Release == /\ view[S].held
           /\ view' = (S :> [obj |-> Null, held |-> FALSE])
           /\ exports' = (std :> exports[std] - 1)
           /\ rc' = (std :> rc[std] - (IF BadRelease THEN 2 ELSE 1))
           /\ obs' = [kind |-> "release", acq |-> 1, rel |-> 1, expected |-> 0, seen |-> 0]
           /\ UNCHANGED alive

Next == Acquire \/ Release

RefCountCoversReferences == rc[std] >= 1 + (IF view[S].held THEN 1 ELSE 0)
ExportCountMatchesViews == exports[std] = IF view[S].held THEN 1 ELSE 0
=============================================================================
