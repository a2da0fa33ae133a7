package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.callbill.avro.CallType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of request values shared by the request bodies; each failure names its field. */
public final class Inputs {

  /** Every id: callers, receivers, agencies, calls (CONTRACT.md). */
  public static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
  /** A coin credit's reference, as payment providers write them. */
  public static final Pattern REFERENCE = Pattern.compile("^[A-Za-z0-9_.:-]{1,128}$");
  /** Longest call the API accepts a duration for: 24 h. */
  public static final long MAX_DURATION_SECONDS = 24 * 3600;
  /** Largest coin amount of one credit, and of minCallCoins. */
  public static final long MAX_COINS = 1_000_000_000L;
  /** Largest per-minute rate or margin. */
  public static final BigDecimal MAX_RATE_PER_MINUTE = new BigDecimal("1000000");
  /** Rates and percentages are stored with 4 decimal places. */
  public static final int RATE_SCALE = 4;
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_EMAIL_LENGTH = 254;
  public static final int MAX_URL_LENGTH = 2048;
  public static final int MAX_BLOCK_LIST = 1000;

  private Inputs() {
  }

  public static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  public static String id(String field, String value) {
    if (value == null) {
      throw new BadRequestException(field, field + " is required");
    }
    if (!ID.matcher(value).matches()) {
      throw new BadRequestException(field, field + " must match " + ID.pattern());
    }
    return value;
  }

  public static String optionalId(String field, String value) {
    return value == null ? null : id(field, value);
  }

  public static String reference(String field, String value) {
    if (isBlank(value)) {
      throw new BadRequestException(field, field + " is required");
    }
    if (!REFERENCE.matcher(value).matches()) {
      throw new BadRequestException(field, field + " must match " + REFERENCE.pattern());
    }
    return value;
  }

  public static CallType callType(String field, String value) {
    if ("audio".equals(value)) {
      return CallType.audio;
    }
    if ("video".equals(value)) {
      return CallType.video;
    }
    throw new BadRequestException(field, field + " must be 'audio' or 'video'");
  }

  /** A reported duration already known to be present and not negative: at most 24 h. */
  public static long notAbsurdDuration(String field, long seconds) {
    if (seconds > MAX_DURATION_SECONDS) {
      throw new BadRequestException(field, field + " must be at most " + MAX_DURATION_SECONDS + " seconds (24 h)");
    }
    return seconds;
  }

  public static long coins(String field, Long value, long min) {
    if (value == null) {
      throw new BadRequestException(field, field + " is required");
    }
    if (value < min || value > MAX_COINS) {
      throw new BadRequestException(field, field + " must be a whole number from " + min + " to " + MAX_COINS);
    }
    return value;
  }

  /** A wallet amount: more than 0, at most {@link #MAX_COINS}, to the hundredth; returned at scale 2. */
  public static BigDecimal money(String field, BigDecimal value) {
    if (value == null) {
      throw new BadRequestException(field, field + " is required");
    }
    if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(MAX_COINS)) > 0) {
      throw new BadRequestException(field, field + " must be more than 0 and at most " + MAX_COINS);
    }
    if (value.stripTrailingZeros().scale() > 2) {
      throw new BadRequestException(field, field + " must have at most 2 decimal places");
    }
    return value.setScale(2, RoundingMode.UNNECESSARY);
  }

  public static boolean flag(String field, Boolean value) {
    if (value == null) {
      throw new BadRequestException(field, field + " is required (true or false)");
    }
    return value;
  }

  /** A per-minute rate: 0 to {@link #MAX_RATE_PER_MINUTE}, at most 4 decimal places; null when absent. */
  public static BigDecimal optionalRate(String field, BigDecimal value) {
    return value == null ? null : decimal(field, value, BigDecimal.ZERO, MAX_RATE_PER_MINUTE);
  }

  public static BigDecimal rate(String field, BigDecimal value) {
    if (value == null) {
      throw new BadRequestException(field, field + " is required");
    }
    return decimal(field, value, BigDecimal.ZERO, MAX_RATE_PER_MINUTE);
  }

  /** A number within [min, max] with at most 4 decimal places, returned at scale 4. */
  public static BigDecimal decimal(String field, BigDecimal value, BigDecimal min, BigDecimal max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new BadRequestException(field, field + " must be between " + min.toPlainString() + " and "
          + max.toPlainString());
    }
    if (value.stripTrailingZeros().scale() > RATE_SCALE) {
      throw new BadRequestException(field, field + " must have at most " + RATE_SCALE + " decimal places");
    }
    return value.setScale(RATE_SCALE, RoundingMode.UNNECESSARY);
  }

  public static String optionalText(String field, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw new BadRequestException(field, field + " must be at most " + maxLength + " characters");
    }
    return value;
  }

  public static int number(String field, Integer value, int min, int max) {
    if (value == null) {
      throw new BadRequestException(field, field + " is required");
    }
    if (value < min || value > max) {
      throw new BadRequestException(field, field + " must be a whole number from " + min + " to " + max);
    }
    return value;
  }

  /** A list of ids (absent means empty). */
  public static List<String> ids(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > MAX_BLOCK_LIST) {
      throw new BadRequestException(field, field + " must have at most " + MAX_BLOCK_LIST + " entries");
    }
    List<String> checked = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      checked.add(id(field + "[" + i + "]", values.get(i)));
    }
    return checked;
  }
}
