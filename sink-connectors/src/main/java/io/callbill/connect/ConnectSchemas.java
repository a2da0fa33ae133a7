package io.callbill.connect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps an Avro schema to the Connect schema the JDBC sink understands:
 * <ul>
 *   <li>record → struct (named after the Avro full name), field by field;</li>
 *   <li>{@code ["null", T]} → T, optional (the only unions our sunk types have);</li>
 *   <li>enum → string (its symbol);</li>
 *   <li>decimal (bytes or fixed) → Connect {@link Decimal} with the same scale, precision kept as the
 *       {@value #PRECISION_PARAMETER} parameter, so money stays exact down to the column;</li>
 *   <li>timestamp-millis → Connect {@link Timestamp};</li>
 *   <li>array → array, map → map with string keys, primitives → their Connect type; other logical types map to
 *       their underlying Avro type.</li>
 * </ul>
 * Other unions have no flat form and are refused with a {@link DataException} that names the field (by its Avro
 * path). A struct's fields keep the Avro fields' order and are named by a {@link FieldNaming}. Schemas are
 * immutable, so each Avro schema is mapped once, with its copy plan ({@link ConnectValues}), and kept.
 */
final class ConnectSchemas {

  /** The parameter under which Connect converters conventionally keep a decimal's precision. */
  static final String PRECISION_PARAMETER = "connect.decimal.precision";

  private final Map<org.apache.avro.Schema, ConnectValues> cache = new ConcurrentHashMap<>();
  private final FieldNaming naming;

  ConnectSchemas(FieldNaming naming) {
    this.naming = naming;
  }

  /**
   * The Connect schema of an Avro record schema (required: a record value is never null itself), with the plan that
   * copies its records.
   */
  ConnectValues of(org.apache.avro.Schema record) {
    return cache.computeIfAbsent(record, avro -> new ConnectValues(map(avro, avro.getFullName(), false)));
  }

  private Schema map(org.apache.avro.Schema avro, String path, boolean optional) {
    SchemaBuilder builder = builder(avro, path);
    if (optional) {
      builder.optional();
    }
    if (avro.getDoc() != null && avro.getType() == org.apache.avro.Schema.Type.RECORD) {
      builder.doc(avro.getDoc());
    }
    return builder.build();
  }

  private SchemaBuilder builder(org.apache.avro.Schema avro, String path) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return Decimal.builder(decimal.getScale())
          .parameter(PRECISION_PARAMETER, Integer.toString(decimal.getPrecision()));
    }
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return Timestamp.builder();
    }
    return switch (avro.getType()) {
      case RECORD -> struct(avro, path);
      case UNION -> throw new DataException("Field " + path + " is a union " + avro
          + "; only [\"null\", T] unions have a flat Connect form");
      case ENUM, STRING -> SchemaBuilder.string();
      case BOOLEAN -> SchemaBuilder.bool();
      case INT -> SchemaBuilder.int32();
      case LONG -> SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case BYTES, FIXED -> SchemaBuilder.bytes();
      case ARRAY -> SchemaBuilder.array(field(avro.getElementType(), path + "[]"));
      case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, field(avro.getValueType(), path + "{}"));
      case NULL -> throw new DataException("Field " + path + " is always null; it has no Connect type");
    };
  }

  private SchemaBuilder struct(org.apache.avro.Schema record, String path) {
    SchemaBuilder struct = SchemaBuilder.struct().name(record.getFullName());
    for (org.apache.avro.Schema.Field field : record.getFields()) {
      struct.field(naming.name(field.name()), field(field.schema(), path + "." + field.name()));
    }
    return struct;
  }

  /** A field's schema: a nullable union becomes its non-null branch, optional. */
  private Schema field(org.apache.avro.Schema avro, String path) {
    if (avro.getType() != org.apache.avro.Schema.Type.UNION) {
      return map(avro, path, false);
    }
    List<org.apache.avro.Schema> branches = avro.getTypes();
    List<org.apache.avro.Schema> nonNull = branches.stream()
        .filter(branch -> branch.getType() != org.apache.avro.Schema.Type.NULL)
        .toList();
    if (nonNull.size() == 1 && branches.size() == 2) {
      return map(nonNull.get(0), path, true);
    }
    return map(avro, path, false);
  }
}
