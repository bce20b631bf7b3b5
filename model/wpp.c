/*
 * wpp.c - WPP software tracing's registration with ETW, as the routines a
 * driver's trace message headers generate (WppInitKm behind
 * WPP_INIT_TRACING, WppCleanupKm behind WPP_CLEANUP) do it.
 *
 * WppInitKm registers the driver's control GUIDs as an ETW provider
 * (EtwRegisterClassicProvider) and WppCleanupKm unregisters it
 * (EtwUnregister) [E1]. ETW keeps the provider's enable callback, which
 * lives in the driver's image: an image that unloads with the provider
 * still registered leaves ETW a pointer into freed code, which Driver
 * Verifier stops at once (0xC4, 0xDD) [E2]. The model tracks the pair and
 * reports the registration left at image unload (wpp-not-cleaned-up),
 * naming the line of the WPP_INIT_TRACING. A second init while registered
 * and a cleanup with nothing registered return at once, as the generated
 * routines' sentinel makes them do. No trace message is kept: the trace
 * functions evaluate nothing (cmake/uf_wpp.cmake).
 */
#define WDFMODEL_NO_CALL_SITES
#include "internal.h"
#include "uf/wpp.h"

static struct {
    int registered;
    const char *file; /* the WPP_INIT_TRACING's line */
    int line;
} wpp;

VOID WppInitKm(PVOID DriverObject, PCUNICODE_STRING RegistryPath)
{
    struct ddi_frame f;

    if (!uf__ddi_enter_kernel(&f, DDI_WppInitKm)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    (void)DriverObject;
    (void)RegistryPath;
    if (!wpp.registered) {
        wpp.registered = 1;
        wpp.file = uf__model.site_file;
        wpp.line = uf__model.site_line;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WppCleanupKm(PVOID DriverObject)
{
    struct ddi_frame f;

    if (!uf__ddi_enter_kernel(&f, DDI_WppCleanupKm)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    (void)DriverObject;
    wpp.registered = 0;
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

void uf__wpp_check_unload(void)
{
    enum model_ddi ddi = uf__model.ddi;
    const char *file = uf__model.site_file;
    int line = uf__model.site_line;

    if (!wpp.registered)
        return;
    wpp.registered = 0; /* reported once */
    uf__model.ddi = DDI_WppInitKm;
    uf__model.site_file = wpp.file;
    uf__model.site_line = wpp.line;
    uf__violation(RULE_WPP_NOT_CLEANED_UP, NULL,
                  "the trace provider WPP_INIT_TRACING registered was never unregistered"
                  " (WPP_CLEANUP) before the image unloaded");
    uf__model.ddi = ddi;
    uf__model.site_file = file;
    uf__model.site_line = line;
}

void uf__wpp_reset(void)
{
    memset(&wpp, 0, sizeof wpp);
}

int model_wpp_registered(void)
{
    return wpp.registered;
}
