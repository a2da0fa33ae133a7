package io.callbill.connect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Copies decoded Avro data into Connect data of one struct schema that {@link ConnectSchemas} made. The Connect
 * schema drives the copy: after schema resolution every Avro value already has the reader schema's shape, and a
 * nullable union's value is either null or its branch's value. A struct's fields are in the Avro record's order
 * (whatever their names), so each is read by position.
 *
 * <p>Why a plan: how to copy each field (a decimal's scale, a timestamp, a string) is decided once, when the plan is
 * made for a schema, not again for every field of every record; the sink converts every record it writes.
 */
final class ConnectValues {

  /** How one value is copied: the Avro value in, the Connect value out. */
  @FunctionalInterface
  private interface Copy {
    Object of(Object avro);
  }

  private final Schema schema;
  private final List<Field> fields;
  private final Copy[] copies;

  /** The plan for a struct schema. */
  ConnectValues(Schema schema) {
    this.schema = schema;
    this.fields = schema.fields();
    this.copies = fields.stream().map(field -> copy(field.schema(), field.name())).toArray(Copy[]::new);
  }

  Schema schema() {
    return schema;
  }

  /** The struct of one record whose schema this plan was made for. */
  Struct struct(GenericRecord record) {
    Struct struct = new Struct(schema);
    for (int i = 0; i < copies.length; i++) {
      struct.put(fields.get(i), copies[i].of(record.get(i)));
    }
    return struct;
  }

  private static Copy copy(Schema schema, String path) {
    Copy present = present(schema, path);
    boolean optional = schema.isOptional();
    return avro -> {
      if (avro == null) {
        if (!optional) {
          throw new DataException("Field " + path + " is null but not optional");
        }
        return null;
      }
      return present.of(avro);
    };
  }

  /** How a value that is not null is copied. */
  private static Copy present(Schema schema, String path) {
    if (Decimal.LOGICAL_NAME.equals(schema.name())) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      // Avro's decimal conversion already yields the schema's scale; UNNECESSARY proves no rounding happens.
      return avro -> ((BigDecimal) avro).setScale(scale, RoundingMode.UNNECESSARY);
    }
    if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
      return avro -> Date.from((Instant) avro);
    }
    return switch (schema.type()) {
      case STRUCT -> {
        ConnectValues nested = new ConnectValues(schema);
        yield avro -> nested.struct((GenericRecord) avro);
      }
      case STRING -> Object::toString;
      case BYTES -> ConnectValues::bytes;
      case ARRAY -> {
        Copy item = copy(schema.valueSchema(), path + "[]");
        yield avro -> array((Collection<?>) avro, item);
      }
      case MAP -> {
        Copy item = copy(schema.valueSchema(), path + "{}");
        yield avro -> map((Map<?, ?>) avro, item);
      }
      default -> avro -> avro;
    };
  }

  private static byte[] bytes(Object avro) {
    if (avro instanceof GenericFixed fixed) {
      return fixed.bytes().clone();
    }
    ByteBuffer buffer = ((ByteBuffer) avro).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static List<Object> array(Collection<?> items, Copy item) {
    List<Object> copy = new ArrayList<>(items.size());
    for (Object value : items) {
      copy.add(item.of(value));
    }
    return copy;
  }

  private static Map<String, Object> map(Map<?, ?> entries, Copy item) {
    Map<String, Object> copy = new LinkedHashMap<>();
    entries.forEach((key, value) -> copy.put(key.toString(), item.of(value)));
    return copy;
  }
}
