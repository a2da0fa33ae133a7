package io.callbill.connect;

import java.util.Arrays;

/**
 * How {@link ConnectSchemas} names the fields of a Connect struct, chosen by the converter's
 * {@value AvroSingleObjectConverter#FIELD_NAMING_CONFIG} setting.
 *
 * <p>Why in the converter: a struct's schema is mapped once per Avro schema, so a renamed field costs nothing per
 * record. Debezium's {@code FieldNameTransformation} renames every field of every record with regular expressions;
 * measured in the benchmark's sink phase it took 71 % of the Connect worker's CPU.
 */
public enum FieldNaming {

  /** The Avro field names as they are ({@code femaleEarningPerMinute}). */
  AVRO("avro") {
    @Override
    String name(String avroField) {
      return avroField;
    }
  },

  /** Lower case, an underscore before each upper-case letter that follows a lower-case letter or a digit
   * ({@code femaleEarningPerMinute} becomes {@code female_earning_per_minute}): the sink's column names. */
  SNAKE_CASE("snake_case") {
    @Override
    String name(String avroField) {
      StringBuilder snake = new StringBuilder(avroField.length() + 8);
      for (int i = 0; i < avroField.length(); i++) {
        char c = avroField.charAt(i);
        if (Character.isUpperCase(c) && i > 0) {
          char previous = avroField.charAt(i - 1);
          if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            snake.append('_');
          }
        }
        snake.append(Character.toLowerCase(c));
      }
      return snake.toString();
    }
  };

  private final String setting;

  FieldNaming(String setting) {
    this.setting = setting;
  }

  /** The Connect field name of an Avro field. */
  abstract String name(String avroField);

  /** The value of the setting that selects it. */
  public String setting() {
    return setting;
  }

  /** Every value the setting accepts. */
  static String[] settings() {
    return Arrays.stream(values()).map(FieldNaming::setting).toArray(String[]::new);
  }

  static FieldNaming ofSetting(String value) {
    return Arrays.stream(values())
        .filter(naming -> naming.setting.equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown field naming " + value));
  }
}
