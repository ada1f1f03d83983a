package io.prewarm.forecast.smile;

import java.util.List;

/** The candidate sets. Seasonal-naive baselines are always in; the last entry is the no-validation default. */
final class Candidates {
    private Candidates() {
    }

    static List<Model> weekly() {
        return List.of(
                new SeasonalNaive(true),
                new SeasonalNaive(false),
                new SeasonalNaive(false, true),
                new ProfileModel(false, 7, true, 1, 0),
                new ProfileModel(false, 7, true, 1, 0.99),
                new ProfileModel(true, 4, true, 7, 0),
                new ProfileModel(true, 4, false, 1, 0),
                new ProfileModel(true, 4, true, 1, 0.98),
                new RidgeCalendarModel(42, 1.0, true),
                new ProfileModel(true, 8, true, 7, 0, false),
                ProfileModel.robust(8, 7),
                ProfileModel.robust(8, 28),
                ProfileModel.robustPooled(8, 28, 1),
                new ProfileModel(true, 4, true, 1, 0));
    }

    static List<Model> daily() {
        return List.of(
                new SeasonalNaive(false),
                new SeasonalNaive(false, true),
                new ProfileModel(false, 7, false, 1, 0),
                new ProfileModel(false, 7, true, 1, 0.98),
                new ProfileModel(false, 7, true, 1, 0));
    }
}
