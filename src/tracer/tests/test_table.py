"""_tracer.c's table helper (Table: the object incarnations, the live views, the types) against a
plain array, on a million random inserts, finds and removes of keys of one and of three words
that collide often (few distinct keys, many in each run of the table)."""
from conftest import run_tracer_region

HARNESS = r'''
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
%s
typedef struct { uintptr_t key[3]; long count; } Ent3;
typedef struct { uintptr_t key; long count; } Ent1;
#define KEYS 3000
static long ref3[KEYS], ref1[KEYS];
static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static void key3(int k, uintptr_t *key) {
    key[0] = 0x7f0000001000u + (uintptr_t)(k %% 97) * 16; key[1] = (uintptr_t)k * 4096; key[2] = (uintptr_t)(k %% 7);
}
int main(void) {
    Table t3 = TABLE_INIT(Ent3, 3, 4), t1 = TABLE_INIT(Ent1, 1, 4);
    for (long step = 0; step < 1000000; step++) {
        int k = (int)(next() %% KEYS), op = (int)(next() %% 3);
        uintptr_t key[3];
        key3(k, key);
        uintptr_t k1 = 0x7f0000000000u + (uintptr_t)k * 48;
        if (op == 0) {
            Ent3 *e = table_insert(&t3, key); e->count++; ref3[k]++;
            Ent1 *f = table_insert(&t1, &k1); f->count++; ref1[k]++;
        } else {
            Ent3 *e = table_find(&t3, key);
            Ent1 *f = table_find(&t1, &k1);
            if ((e != NULL) != (ref3[k] > 0) || (e && e->count != ref3[k])) { printf("3-word key %%d wrong at %%ld\n", k, step); return 1; }
            if ((f != NULL) != (ref1[k] > 0) || (f && f->count != ref1[k])) { printf("1-word key %%d wrong at %%ld\n", k, step); return 1; }
            if (op == 2 && e && --e->count == 0) table_remove(&t3, e);
            if (op == 2 && e) ref3[k]--;
            if (op == 2 && f && --f->count == 0) table_remove(&t1, f);
            if (op == 2 && f) ref1[k]--;
        }
    }
    size_t live = 0;
    for (int k = 0; k < KEYS; k++) live += ref3[k] > 0;
    if (live != t3.used) { printf("used %%zu, expected %%zu\n", t3.used, live); return 1; }
    table_clear(&t3); table_clear(&t1);
    puts("ok");
    return 0;
}
'''


def test_the_table_helper_agrees_with_a_plain_array(tmp_path):
    p = run_tracer_region(tmp_path, "table", HARNESS, "typedef struct {\n    char *entries;",
                          "/* ------------------------------------------------------------------ object",
                          flags=("-Wall",))
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stdout
