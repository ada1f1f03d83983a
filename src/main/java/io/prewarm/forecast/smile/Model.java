package io.prewarm.forecast.smile;

/** One forecasting method, refitted from scratch at every call (rolling-origin evaluation relies on that). */
interface Model {
    String name();

    /** Minimum number of history samples the model needs on this grid. */
    int minHistory(Grid g);

    /**
     * @param y history (cleaned; NaN = missing), only {@code y[0..n)} may be read
     * @param n number of history samples
     * @param g calendar features covering at least {@code n + h} indices
     * @param h steps to forecast, for indices {@code n..n+h-1}
     * @return the point forecast, NaN-free
     */
    double[] forecast(double[] y, int n, Grid g, int h);
}
