package io.prewarm.cli;

import io.prewarm.backtest.PolicyVariant;
import io.prewarm.pipeline.Shard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Option value converters. A bad value is a {@link TypeConversionException} whose message names the value;
 * {@link ExitCodes} prefixes the option: {@code error: --now: 'yesterday' is not an ISO-8601 instant ...} (exit 2).
 */
final class Converters {
    private Converters() {
    }

    /** {@code parser}'s value; what it refuses names the value and {@code problem}, or its own message without one. */
    private static <T> T parse(String value, Function<String, T> parser, String problem) {
        try {
            return parser.apply(value);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new TypeConversionException(problem == null ? e.getMessage() : "'" + value + "' " + problem);
        }
    }

    /** {@code --now}: an ISO-8601 instant with an offset. */
    static final class InstantValue implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, v -> OffsetDateTime.parse(v).toInstant(),
                    "is not an ISO-8601 instant such as 2026-11-28T00:00:00Z");
        }
    }

    /** {@code backtest --from/--to}: a date (its start, UTC) or an instant. */
    static final class DateOrInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, v -> v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(v).toInstant(),
                    "is not an ISO-8601 date or instant such as 2026-11-14 or 2026-11-14T00:00:00Z");
        }
    }

    /** {@code merge-shards --date}. */
    static final class Date implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            return parse(value, LocalDate::parse, "is not a date such as 2026-11-28");
        }
    }

    /** {@code --shard i/n}. */
    static final class ShardValue implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            return parse(value, Shard::parse, null);
        }
    }

    /** {@code backtest --training}: a positive duration such as {@code 14d}. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value, v -> {
                Duration d = PolicyVariant.parseDuration(v);
                if (d.isZero() || d.isNegative()) {
                    throw new IllegalArgumentException("not positive");
                }
                return d;
            }, "is not a duration such as 14d");
        }
    }

    /** {@code backtest --what-if}: policy changes such as {@code headroom=0.3,prewarmLead=15m}. */
    static final class Variant implements ITypeConverter<PolicyVariant> {
        @Override
        public PolicyVariant convert(String value) {
            return parse(value, PolicyVariant::parse, null);
        }
    }
}
