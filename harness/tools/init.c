/*
 * init.c - `unloadfuzz init DIR`: makes a driver's own directory (its
 * repository, or a directory in it) a set of fuzz targets, without touching
 * the driver's sources.
 *
 * It writes, beside the sources:
 *   CMakeLists.txt      uf_add_driver() over every .c and .cpp file of DIR, with the
 *                       WPP options its Visual Studio project or `sources`
 *                       file passes (WppTraceFunction, -func:, -scan:);
 *   seeds/NAME.ufp      clean seed programs of the port's language.
 * Nothing else: the port learns the driver's routines from the
 * registration its entry makes (NdisMRegisterMiniportDriver,
 * KsInitializeDriver, PcInitializeAdapterDriver), as the real one does.
 * A file that exists is kept, never overwritten: running init again writes
 * only what is missing. A CMakeLists.txt that is not unloadfuzz's (no
 * uf_add_driver) is refused, since the build would read it.
 */
#define _XOPEN_SOURCE 700 /* realpath(), beside the build's _POSIX_C_SOURCE */

#include "init.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dir.h"
#include "file.h"
#include "msg.h"

#define init_fail(...) msg_fail(2, "unloadfuzz init", __VA_ARGS__)

static void usage(FILE *f)
{
    fprintf(f,
            "usage: unloadfuzz init [--name NAME] [--flavour ndis|avstream|portcls] DIR\n"
            "\n"
            "Prepares DIR, the directory of a miniport driver's sources (its own\n"
            "repository, outside unloadfuzz's tree), to be built as fuzz targets:\n"
            "  DIR/CMakeLists.txt     uf_add_driver(NAME SOURCES <every .c and .cpp of DIR> SEEDS seeds),\n"
            "                         with the WPP options of DIR's .vcxproj or sources file\n"
            "  DIR/seeds/*.ufp        clean seed programs (the port's language)\n"
            "Nothing else: the port learns the driver's routines from its registration with\n"
            "NDIS, AVStream or PortCls. Files that exist are kept: init writes only what is\n"
            "missing. Then build unloadfuzz with the driver (docs/DRIVERS.md):\n"
            "  cmake --preset debug -DUF_DRIVER_DIRS=DIR && cmake --build --preset debug\n"
            "\n"
            "  --name NAME        the target's name, [a-z0-9_]+ (default: DIR's name, lower\n"
            "                     case, other characters as _)\n"
            "  --flavour F        ndis, avstream or portcls: the driver's port, as init names it\n"
            "                     (default: found in the sources: PcInitializeAdapterDriver\n"
            "                     means portcls, KsInitializeDriver avstream, anything else ndis)\n"
            "\n"
            "Exit status: 0 written (or all there), 2 bad usage or a file that cannot be written.\n");
}

/* The seed programs: what every miniport's port does, each clean for a
 * correct driver (an op on an object the driver never made does nothing). */
static const struct {
    const char *name, *text;
} seeds[] = {
    {"life.ufp",
     "# expect: clean\n"
     "# A device's life: it arrives, time passes (its timers fire, its work items,\n"
     "# DPCs and I/O complete), it leaves, and the driver unloads.\n"
     "load\ndevice-arrival\nfire timer#0\nrun workitem#0\nrun-dpc dpc#0\n"
     "complete request#0\nfire timer#1\nrun workitem#1\ndevice-removal\nrun-deferred\n"
     "port-unload\n"},
    {"load-unload.ufp",
     "# expect: clean\n"
     "# Loaded and unloaded with no device ever.\n"
     "load\nport-unload\n"},
    {"unload-with-device.ufp",
     "# expect: clean\n"
     "# The port unloads the driver with its device present: PnP removes it first.\n"
     "load\ndevice-arrival\nfire timer#0\nport-unload\n"},
    {"two-devices.ufp",
     "# expect: clean\n"
     "# Two devices, the first one leaving before the second.\n"
     "load\ndevice-arrival\ndevice-arrival\nfire timer#0\nrun workitem#0\n"
     "device-removal adapter=0\nrun-deferred\nfire timer#1\nport-unload\n"},
    {"busy.ufp",
     "# expect: clean\n"
     "# The port's own events (each does nothing under a port without it): NDIS\n"
     "# sends, requests, pauses, restarts and resets; then the device is pulled out.\n"
     "load\ndevice-arrival\nsend\noid-request\nfire timer#0\npause\nrestart\nreset\n"
     "run workitem#0\nsend\nsurprise-removal\nrun-deferred\nport-unload\n"},
    {"load-fails.ufp",
     "# expect: clean\n"
     "# Every allocation fails from the start: DriverEntry's error paths.\n"
     "fail-alloc after=0\nload\nport-unload\n"},
};

/* Does the file at path contain `needle`? */
static int file_has(const char *path, const char *needle)
{
    char *text = NULL;
    int has;

    if (file_read(path, 0, &text, NULL) < 0)
        return 0;
    has = strstr(text, needle) != NULL;
    free(text);
    return has;
}

/* Does any of DIR's files ending in `suffix` contain `needle`? */
/* Keeps the driver's sources of a listing (C and C++: .c, .cpp), in its
 * order, and frees the rest. */
static void keep_sources(struct names *l)
{
    size_t i, n = 0, len;

    for (i = 0; i < l->n; i++) {
        len = strlen(l->v[i]);
        if ((len > 2 && !strcmp(l->v[i] + len - 2, ".c")) ||
            (len > 4 && !strcmp(l->v[i] + len - 4, ".cpp")))
            l->v[n++] = l->v[i];
        else
            free(l->v[i]);
    }
    l->n = n;
}

static int any_has(const char *dir, const struct names *files, const char *needle)
{
    char p[PATH_MAX];
    size_t i;

    for (i = 0; i < files->n; i++)
        if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, files->v[i]) < sizeof p &&
            file_has(p, needle))
            return 1;
    return 0;
}

/* Appends to b the WPP options a project file gives: each element
 * <tag>a;b</tag> as "PREFIXa" "PREFIXb" (the tracewpp switch of that
 * MSBuild item), or each -func:/-scan: word of a `sources` file. */
static void wpp_from(struct buf *b, const char *text, const char *tag, const char *prefix)
{
    char open[64], close[64];
    const char *p = text;
    size_t olen;

    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    olen = strlen(open);
    while ((p = strstr(p, open)) != NULL) {
        const char *end = strstr(p + olen, close);
        const char *w = p + olen;

        if (end == NULL)
            break;
        while (w < end) {
            size_t n = strcspn(w, ";<");

            if ((size_t)(end - w) < n)
                n = (size_t)(end - w);
            while (n && (*w == ' ' || *w == '\t' || *w == '\n' || *w == '\r'))
                w++, n--;
            if (n && memchr(w, '"', n) == NULL && memchr(w, '$', n) == NULL)
                buf_printf(b, " \"%s%.*s\"", prefix, (int)n, w);
            w += n + (w[n] == ';');
        }
        p = end;
    }
}

/* The WPP options of DIR's project files, as uf_add_driver's WPP argument. */
static void wpp_options(const char *dir, struct buf *b)
{
    struct names projs = {0};
    char p[PATH_MAX], *text = NULL;
    size_t i;

    if (dir_list(dir, ".vcxproj", DIR_FILES, &projs) == 0) {
        for (i = 0; i < projs.n; i++) {
            if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, projs.v[i]) >= sizeof p ||
                file_read(p, 0, &text, NULL) < 0)
                continue;
            wpp_from(b, text, "WppTraceFunction", "-func:");
            wpp_from(b, text, "WppScanConfigurationData", "-scan:");
            free(text);
            text = NULL;
        }
        names_free(&projs);
    }
    if ((size_t)snprintf(p, sizeof p, "%s/sources", dir) < sizeof p &&
        file_read(p, 0, &text, NULL) == 0) {
        const char *w = text;

        while ((w = strpbrk(w, "-/")) != NULL) {
            size_t n;

            if (strncmp(w + 1, "func:", 5) != 0 && strncmp(w + 1, "scan:", 5) != 0) {
                w++;
                continue;
            }
            n = strcspn(w, " \t\r\n\\");
            buf_printf(b, " \"-%.*s\"", (int)n - 1, w + 1);
            w += n;
        }
        free(text);
    }
}

/* Writes `text` to DIR/name unless it exists. Returns 0 (written or kept),
 * or 2 after saying why not. */
static int put(const char *dir, const char *name, const char *text)
{
    char p[PATH_MAX];

    if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, name) >= sizeof p)
        return init_fail("%s/%s: path too long", dir, name);
    if (dir_exists(p)) {
        printf("init: kept %s (it exists)\n", p);
        return 0;
    }
    if (file_write(p, text, strlen(text), FILE_NEW) < 0)
        return init_fail("cannot write %s: %s", p, strerror(errno));
    printf("init: wrote %s\n", p);
    return 0;
}

/* The target's name from DIR's last component. */
static void default_name(const char *dir, char *out, size_t n)
{
    const char *b = strrchr(dir, '/');
    size_t i = 0;

    b = b ? b + 1 : dir;
    for (; *b && i + 1 < n; b++) {
        char c = *b;

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        out[i++] = ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? c : '_';
    }
    out[i] = '\0';
}

static int valid_name(const char *s)
{
    return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

int init_main(int argc, char **argv)
{
    const char *dir = NULL, *name_opt = NULL, *flavour = NULL;
    char abs[PATH_MAX], name[64], p[PATH_MAX + 32], seeds_dir[PATH_MAX + 16];
    struct names cfiles = {0};
    struct buf cm = BUF_INIT(0), wpp = BUF_INIT(0);
    int portcls, avstream, i, rc = 0;
    size_t k;

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--name") && i + 1 < argc) {
            name_opt = argv[++i];
        } else if (!strcmp(argv[i], "--flavour") && i + 1 < argc) {
            flavour = argv[++i];
        } else if (argv[i][0] == '-' || dir) {
            fprintf(stderr, "unloadfuzz init: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else {
            dir = argv[i];
        }
    }
    if (dir == NULL) {
        usage(stderr);
        return 2;
    }
    if (flavour && strcmp(flavour, "ndis") && strcmp(flavour, "avstream") &&
        strcmp(flavour, "portcls"))
        return init_fail("--flavour is ndis, avstream or portcls, not '%s'", flavour);
    if (!realpath(dir, abs) || !dir_is_dir(abs))
        return init_fail("%s is not a directory", dir);
    if (name_opt && !valid_name(name_opt))
        return init_fail("--name '%s': a target's name is [a-z0-9_]+", name_opt);
    if (name_opt)
        snprintf(name, sizeof name, "%s", name_opt);
    else
        default_name(abs, name, sizeof name);
    if (!valid_name(name))
        return init_fail("cannot make a target name of %s: give --name", abs);
    if (dir_list(abs, NULL, DIR_FILES, &cfiles) < 0)
        return init_fail("cannot read %s: %s", abs, strerror(errno));
    keep_sources(&cfiles);
    snprintf(p, sizeof p, "%s/CMakeLists.txt", abs);
    if (dir_exists(p) && !file_has(p, "uf_add_driver")) {
        rc = init_fail("%s exists and is not unloadfuzz's (no uf_add_driver): keep the driver's"
                       " sources in a directory of their own, or give unloadfuzz one", p);
        goto out;
    }
    if (cfiles.n == 0) {
        rc = init_fail("%s has no .c or .cpp file: init takes the directory of a driver's sources",
                       abs);
        goto out;
    }
    portcls = flavour ? !strcmp(flavour, "portcls")
                      : any_has(abs, &cfiles, "PcInitializeAdapterDriver");
    avstream = flavour ? !strcmp(flavour, "avstream")
                       : !portcls && any_has(abs, &cfiles, "KsInitializeDriver");

    /* CMakeLists.txt */
    wpp_options(abs, &wpp);
    buf_printf(&cm,
               "# %s as unloadfuzz's fuzz targets (written by `unloadfuzz init`; yours to edit):\n"
               "# %s_replay, %s_explore and %s_fuzzer in unloadfuzz's build tree when it is\n"
               "# configured with -DUF_DRIVER_DIRS=<this directory> (docs/DRIVERS.md).\n"
               "# The sources compile with their own flags: add yours to COMPILE_OPTIONS.\n"
               "uf_add_driver(%s\n  SOURCES",
               name, name, name, name, name);
    for (k = 0; k < cfiles.n; k++)
        buf_printf(&cm, " %s", cfiles.v[k]);
    buf_printf(&cm, "\n  SEEDS seeds\n");
    if (wpp.len)
        buf_printf(&cm, "  WPP%s\n", buf_str(&wpp));
    buf_printf(&cm, "  # COMPILE_OPTIONS -Wall\n)\n");

    if (buf_failed(&cm) || buf_failed(&wpp)) {
        rc = init_fail("out of memory");
        goto out;
    }

    if ((rc = put(abs, "CMakeLists.txt", buf_str(&cm))) != 0)
        goto out;
    snprintf(seeds_dir, sizeof seeds_dir, "%s/seeds", abs);
    if (!dir_is_dir(seeds_dir) && dir_make(seeds_dir) != 0) {
        rc = init_fail("cannot make %s: %s", seeds_dir, strerror(errno));
        goto out;
    }
    for (k = 0; k < sizeof seeds / sizeof seeds[0] && rc == 0; k++)
        rc = put(seeds_dir, seeds[k].name, seeds[k].text);
    if (rc == 0)
        printf("init: %s, a%s; next: the port learns its routines from its registration;"
               " build it, in unloadfuzz's source tree:\n"
               "  cmake --preset debug -DUF_DRIVER_DIRS=%s && cmake --build --preset debug\n"
               "  build/debug/%s_replay --expect %s/*.ufp\n",
               name,
               portcls ? " PortCls adapter" : avstream ? "n AVStream minidriver" : "n NDIS 6 miniport",
               abs, name, seeds_dir);
out:
    buf_free(&cm);
    buf_free(&wpp);
    names_free(&cfiles);
    return rc;
}
