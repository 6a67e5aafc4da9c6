"""The hand-rolled number formatting of _tracer.c against printf, on 3 million values: the
functions are cut out of the real source and compiled into a small test program."""
from conftest import run_tracer_region

HARNESS = r'''
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
%s
int main(void) {
    for (int i = 0; i < 256; i++) {
        HEX2[2 * i] = "0123456789abcdef"[i >> 4]; HEX2[2 * i + 1] = "0123456789abcdef"[i & 15];
    }
    char buf[64], ref[64];
    unsigned long long x = 88172645463325252ULL;
    for (long k = 0; k < 3000000; k++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        unsigned long long v = x >> (k %% 64);
        *w_hex(buf, (uintptr_t)v) = 0;
        snprintf(ref, sizeof ref, "0x%%llx", v);
        if (strcmp(buf, ref)) { printf("hex %%s != %%s\n", buf, ref); return 1; }
        long long s = (long long)v * ((k & 1) ? -1 : 1);
        *w_i64(buf, s) = 0;
        snprintf(ref, sizeof ref, "%%lld", s);
        if (strcmp(buf, ref)) { printf("int %%s != %%s\n", buf, ref); return 1; }
    }
    long long edge[] = {0, 9, 10, 99, 100, -1, -10, 9223372036854775807LL, -9223372036854775807LL - 1};
    for (int i = 0; i < 9; i++) {
        *w_i64(buf, edge[i]) = 0;
        snprintf(ref, sizeof ref, "%%lld", edge[i]);
        if (strcmp(buf, ref)) { printf("edge %%s != %%s\n", buf, ref); return 1; }
    }
    *w_hex(buf, 0) = 0;
    if (strcmp(buf, "0x0")) { printf("zero %%s\n", buf); return 1; }
    puts("ok");
    return 0;
}
'''


def test_numbers_format_like_printf(tmp_path):
    p = run_tracer_region(tmp_path, "fmt", HARNESS, "static const char DIG2[201]", "static char *\nw_ptr(")
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stdout
