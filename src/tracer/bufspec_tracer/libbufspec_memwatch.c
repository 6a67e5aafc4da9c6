/*
 * libbufspec_memwatch.so: the LD_PRELOAD shim of the bufspec tracer's memory
 * watch.
 *
 * Interposes free, realloc, reallocarray, munmap and mremap. Until the tracer
 * extension installs its two callbacks (bufspec_memwatch_install, called from
 * _memwatch.c at import) every call goes straight to the next definition
 * (dlsym RTLD_NEXT: glibc, or a malloc preloaded after this one). Afterwards
 * each call asks pre(block, len) first: 0 means the block overlaps no page
 * holding watched memory (the common case: a load and a branch when nothing is
 * watched, a page-table lookup otherwise); a non-zero size sends the call to
 * hit(), which finds the live views and records a "freed" event. No Python
 * dependency: the shim is loaded before the interpreter. python -m
 * bufspec_tracer re-executes itself with this file in LD_PRELOAD.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#define EXPORT __attribute__((visibility("default")))

enum {
    MW_FREE = 1,
    MW_REALLOC = 2,
    MW_REALLOCARRAY = 3,
    MW_MUNMAP = 4,
    MW_MREMAP = 5
};
typedef size_t (*mw_pre_fn)(void *p, size_t len);
typedef void (*mw_hit_fn)(int call, void *p, size_t oldlen, void *newp,
                          size_t newlen);

static mw_pre_fn volatile g_pre;
static mw_hit_fn volatile g_hit;

/* the tracer extension (same process) hands over its callbacks; NULL, NULL
 * detaches */
EXPORT void
bufspec_memwatch_install(mw_pre_fn pre, mw_hit_fn hit)
{
    g_pre = NULL;
    g_hit = hit;
    g_pre = pre;
}

EXPORT int bufspec_memwatch_shim_version = 1;

extern void __libc_free(void *);
extern void *__libc_realloc(void *, size_t);

static void (*r_free)(void *);
static void *(*r_realloc)(void *, size_t);
static int (*r_munmap)(void *, size_t);
static void *(*r_mremap)(void *, size_t, size_t, int, ...);
static __thread __attribute__((tls_model("initial-exec"))) int t_resolving;

static void
resolve(void)
{
    if (t_resolving) {
        return; /* dlsym may free (dlerror): those calls take __libc_free */
    }
    t_resolving = 1;
    void *f = dlsym(RTLD_NEXT, "free"), *r = dlsym(RTLD_NEXT, "realloc");
    void *u = dlsym(RTLD_NEXT, "munmap"), *m = dlsym(RTLD_NEXT, "mremap");
    r_munmap = (int (*)(void *, size_t))u;
    r_mremap = (void *(*)(void *, size_t, size_t, int, ...))m;
    r_realloc = (void *(*)(void *, size_t))r;
    r_free = (void (*)(void *))f;
    t_resolving = 0;
}

EXPORT void
free(void *p)
{
    if (__builtin_expect(!r_free, 0)) {
        resolve();
        if (!r_free) {
            __libc_free(p);
            return;
        }
    }
    mw_pre_fn pre = g_pre;
    if (p && pre) {
        size_t n = pre(p, 0);
        if (n) {
            g_hit(MW_FREE, p, n, NULL,
                  0); /* before the free: the block is still valid */
        }
    }
    r_free(p);
}

static void *
do_realloc(int call, void *p, size_t n)
{
    if (__builtin_expect(!r_realloc, 0)) {
        resolve();
        if (!r_realloc) {
            return __libc_realloc(p, n);
        }
    }
    mw_pre_fn pre = g_pre;
    size_t old = p && pre ? pre(p, 0) : 0;
    void *r = r_realloc(p, n);
    /* moved (the old block is freed), freed (n == 0), or shrunk in place (the
     * tail is gone) */
    if (old && (r || n == 0) && (r != p || n < old)) {
        g_hit(call, p, old, r, n);
    }
    return r;
}

EXPORT void *
realloc(void *p, size_t n)
{
    return do_realloc(MW_REALLOC, p, n);
}

EXPORT void *
reallocarray(void *p, size_t nmemb, size_t size)
{
    size_t n;
    if (__builtin_mul_overflow(nmemb, size, &n)) {
        errno = ENOMEM;
        return NULL;
    }
    return do_realloc(MW_REALLOCARRAY, p, n);
}

EXPORT int
munmap(void *addr, size_t len)
{
    if (__builtin_expect(!r_munmap, 0)) {
        resolve();
    }
    mw_pre_fn pre = g_pre;
    size_t n = addr && pre ? pre(addr, len ? len : 1) : 0;
    if (n) {
        g_hit(MW_MUNMAP, addr, len, NULL, 0);
    }
    return r_munmap(addr, len);
}

EXPORT void *
mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    if (__builtin_expect(!r_mremap, 0)) {
        resolve();
    }
    void *want = NULL;
    if (flags & MREMAP_FIXED) {
        va_list ap;
        va_start(ap, flags);
        want = va_arg(ap, void *);
        va_end(ap);
    }
    void *r = (flags & MREMAP_FIXED)
                  ? r_mremap(old, old_len, new_len, flags, want)
                  : r_mremap(old, old_len, new_len, flags);
    mw_pre_fn pre = g_pre;
    if (r != MAP_FAILED && pre && (r != old || new_len < old_len) &&
        pre(old, old_len ? old_len : 1)) {
        g_hit(MW_MREMAP, old, old_len, r, new_len);
    }
    return r;
}
