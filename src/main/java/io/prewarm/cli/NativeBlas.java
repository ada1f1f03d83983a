package io.prewarm.cli;

import io.quarkus.logging.Log;

/**
 * Keeps OpenBLAS (the native BLAS behind Smile's ridge fits) on the calling thread. A plan run already
 * forecasts several services at once; OpenBLAS' own worker threads, one per core by default, multiply
 * that and spin while they wait. On the 2-core benchmark machine, a fleet of 100 services spent 117
 * thread-seconds forecasting with OpenBLAS' default and 38 with one thread (docs/fleet.md).
 */
final class NativeBlas {
    private static volatile boolean done;

    private NativeBlas() {
    }

    /** Sets OpenBLAS to one thread, once; a missing native library is left to fail where it is used. */
    static void singleThreaded() {
        if (done) {
            return;
        }
        done = true;
        try {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
        } catch (LinkageError | RuntimeException e) {
            Log.debugf("could not set openblas threads: %s", e.toString());
        }
    }
}
