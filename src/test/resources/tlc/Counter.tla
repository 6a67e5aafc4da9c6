---- MODULE Counter ----
\* A counter that wraps around: every state has a successor, the invariant holds.
EXTENDS Naturals
CONSTANT Max
VARIABLE x
TypeOK == x \in 0..Max
Init == x = 0
Next == x' = (x + 1) % (Max + 1)
Spec == Init /\ [][Next]_x
====
