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
 * Copies a decoded Avro datum into Connect data of the schema {@link ConnectSchemas} made for it. The Connect schema
 * drives the copy: after schema resolution every Avro value already has the reader schema's shape, and a nullable
 * union's value is either null or its branch's value. A struct's fields are in the Avro record's order (whatever
 * their names), so each is read by position.
 */
final class ConnectValues {

  private ConnectValues() {
  }

  static Struct struct(GenericRecord record, Schema schema) {
    Struct struct = new Struct(schema);
    for (Field field : schema.fields()) {
      struct.put(field, value(record.get(field.index()), field.schema(), field.name()));
    }
    return struct;
  }

  private static Object value(Object avro, Schema schema, String path) {
    if (avro == null) {
      if (!schema.isOptional()) {
        throw new DataException("Field " + path + " is null but not optional");
      }
      return null;
    }
    if (Decimal.LOGICAL_NAME.equals(schema.name())) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      // Avro's decimal conversion already yields the schema's scale; UNNECESSARY proves no rounding happens.
      return ((BigDecimal) avro).setScale(scale, RoundingMode.UNNECESSARY);
    }
    if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
      return Date.from((Instant) avro);
    }
    return switch (schema.type()) {
      case STRUCT -> struct((GenericRecord) avro, schema);
      case STRING -> avro.toString();
      case BYTES -> bytes(avro);
      case ARRAY -> array((Collection<?>) avro, schema.valueSchema(), path);
      case MAP -> map((Map<?, ?>) avro, schema.valueSchema(), path);
      default -> avro;
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

  private static List<Object> array(Collection<?> items, Schema itemSchema, String path) {
    List<Object> copy = new ArrayList<>(items.size());
    for (Object item : items) {
      copy.add(value(item, itemSchema, path + "[]"));
    }
    return copy;
  }

  private static Map<String, Object> map(Map<?, ?> entries, Schema valueSchema, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    entries.forEach((key, item) -> copy.put(key.toString(), value(item, valueSchema, path + "{}")));
    return copy;
  }
}
