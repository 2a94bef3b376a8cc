/*
 * Preloaded into Orthanc by start-orthanc.sh. Debian 12's libcivetweb is built with USE_STACK_SIZE 102400, so
 * Orthanc's HTTP worker threads get 100 KiB stacks; the GDCM plugin's transcoder calls
 * gdcm::PixmapWriter::PrepareWrite, whose frame is 130 KB, so transcoding a JPEG 2000 CT to Explicit VR Little
 * Endian (WADO-RS frames) overflows the stack and Orthanc dies with SIGSEGV. Raising every explicitly sized
 * thread stack to at least 2 MiB (address space only; pages are touched on use) fixes it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#define MIN_STACK ((size_t)2 << 20)

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
    static int (*real)(pthread_attr_t *, size_t);
    if (!real)
        real = (int (*)(pthread_attr_t *, size_t))dlsym(RTLD_NEXT, "pthread_attr_setstacksize");
    return real(attr, size < MIN_STACK ? MIN_STACK : size);
}
