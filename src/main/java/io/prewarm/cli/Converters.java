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

/**
 * Option value converters. A bad value is a {@link TypeConversionException} whose message names the value;
 * {@link ExitCodes} prefixes the option: {@code error: --now: 'yesterday' is not an ISO-8601 instant ...} (exit 2).
 */
final class Converters {
    private Converters() {
    }

    /** {@code --now}: an ISO-8601 instant with an offset. */
    static final class InstantValue implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as "
                        + "2026-11-28T00:00:00Z");
            }
        }
    }

    /** {@code backtest --from/--to}: a date (its start, UTC) or an instant. */
    static final class DateOrInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 date or instant such as "
                        + "2026-11-14 or 2026-11-14T00:00:00Z");
            }
        }
    }

    /** {@code merge-shards --date}. */
    static final class Date implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date such as 2026-11-28");
            }
        }
    }

    /** {@code --shard i/n}. */
    static final class ShardValue implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code backtest --training}: a positive duration such as {@code 14d}. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = PolicyVariant.parseDuration(value);
            } catch (IllegalArgumentException e) {
                d = null;
            }
            if (d == null || d.isZero() || d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 14d");
            }
            return d;
        }
    }

    /** {@code backtest --what-if}: policy changes such as {@code headroom=0.3,prewarmLead=15m}. */
    static final class Variant implements ITypeConverter<PolicyVariant> {
        @Override
        public PolicyVariant convert(String value) {
            try {
                return PolicyVariant.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
