---- MODULE Values ----
\* Walks through states holding every kind of value TLC prints, then breaks TypeOK.
EXTENDS Integers, Sequences, TLC
CONSTANTS A, B
VARIABLES step, rec, fun, str, set, seq
TypeOK == step \in 0..2
Init == /\ step = 0
        /\ rec = [name |-> "v\"q\\", n |-> -3, ok |-> TRUE, inner |-> [m |-> A]]
        /\ fun = [c \in {A, B} |-> [n |-> 0]]
        /\ str = ""
        /\ set = {}
        /\ seq = <<>>
Next == /\ step' = step + 1
        /\ rec' = [rec EXCEPT !.n = @ + 1]
        /\ fun' = (1 :> {A} @@ 2 :> <<"a", B>>)
        /\ str' = "tab\tnl"
        /\ set' = {{}, {1, 2}, {A}}
        /\ seq' = Append(seq, <<1, "x">>)
Spec == Init /\ [][Next]_<<step, rec, fun, str, set, seq>>
====
