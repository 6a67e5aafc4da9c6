---- MODULE Lasso ----
\* x goes 0 -> 1 -> 2 -> 1 -> 2 ...: never returns to 0, so []<>(x = 0) fails on a lasso.
EXTENDS Naturals
VARIABLE x
TypeOK == x \in 0..2
Init == x = 0
Next == x' = IF x = 2 THEN 1 ELSE x + 1
Spec == Init /\ [][Next]_x /\ WF_x(Next)
EveryViewReleased == []<>(x = 0)
ExportCountsReturnToZero == <>(x = 2)
StutterSpec == Init /\ [][Next]_x
====
