package io.callbill.connect;

import io.callbill.schemas.SchemaCatalog;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka Connect value converter for Callbill topics: Avro single-object encoding, writer schema found by fingerprint
 * in {@link SchemaCatalog} (every released version), resolved to the current schema of the record type, and mapped
 * to Connect data by {@link ConnectSchemas} (flat structs for the sunk types, exact decimals, timestamps).
 *
 * <pre>
 * key.converter=org.apache.kafka.connect.storage.StringConverter
 * value.converter=io.callbill.connect.AvroSingleObjectConverter
 * </pre>
 *
 * <p>A null value (a tombstone) becomes {@link SchemaAndValue#NULL}, which the JDBC sink turns into a delete when
 * {@code delete.enabled=true}. Keys of Callbill topics are plain UTF-8 strings, so configuring this class as a key
 * converter is refused.
 *
 * <p>Reading only: {@link #fromConnectData} throws {@link UnsupportedOperationException}. Callbill's topics are
 * written by the billing pipeline with its own serdes; a source connector producing them would bypass the rules that
 * make those records (exactly-once settlement), so no encoder is offered.
 *
 * <p>One setting, {@value #FIELD_NAMING_CONFIG} ({@code value.converter.field.naming} in a connector): {@code avro}
 * (the default) keeps the Avro field names, {@code snake_case} names the fields after the sink's columns
 * ({@link FieldNaming}).
 *
 * <p>Packaged as a Connect plugin (target/connect/plugins/callbill-converter) with callbill-schemas and Avro, so its
 * Avro and Jackson stay isolated from the worker's and from other plugins'. One instance serves one task.
 */
public final class AvroSingleObjectConverter implements Converter, Versioned {

  /** The setting that names the struct fields: {@code avro} or {@code snake_case} ({@link FieldNaming}). */
  public static final String FIELD_NAMING_CONFIG = "field.naming";

  private static final ConfigDef CONFIG = new ConfigDef()
      .define(FIELD_NAMING_CONFIG, ConfigDef.Type.STRING, FieldNaming.AVRO.setting(),
          ConfigDef.ValidString.in(FieldNaming.settings()),
          ConfigDef.Importance.MEDIUM, "How the Connect struct's fields are named: 'avro' keeps the Avro field names,"
              + " 'snake_case' writes femaleEarningPerMinute as female_earning_per_minute (the sink's columns).");

  private final SingleObjectDecoder decoder;
  private ConnectSchemas schemas = new ConnectSchemas(FieldNaming.AVRO);

  /** The converter Connect instantiates: every released schema of {@link SchemaCatalog}. */
  public AvroSingleObjectConverter() {
    this(SchemaCatalog.instance().store(), currentSchemas());
  }

  /**
   * A converter on other schemas (tests): {@code writers} finds writer schemas by fingerprint, {@code readers} holds
   * the current schema of each record type by full name.
   */
  AvroSingleObjectConverter(SchemaStore writers, Map<String, Schema> readers) {
    this.decoder = new SingleObjectDecoder(writers, readers);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (isKey) {
      throw new ConfigException("key.converter", getClass().getName(),
          "Callbill keys are UTF-8 strings: use org.apache.kafka.connect.storage.StringConverter for keys");
    }
    String naming = new AbstractConfig(CONFIG, configs, false).getString(FIELD_NAMING_CONFIG);
    schemas = new ConnectSchemas(FieldNaming.ofSetting(naming));
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    GenericRecord record = decoder.decode(topic, value);
    ConnectValues values = schemas.of(record.getSchema());
    return new SchemaAndValue(values.schema(), values.struct(record));
  }

  /** Always refused: see the class comment. */
  @Override
  public byte[] fromConnectData(String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " only reads Callbill topics (sinks);"
        + " the billing pipeline is the only writer of " + topic);
  }

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    String version = getClass().getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  private static Map<String, Schema> currentSchemas() {
    Map<String, Schema> byName = new HashMap<>();
    SchemaCatalog.TOPIC_VALUE_TYPES.forEach(type -> {
      Schema schema = SpecificData.getForClass(type).getSchema(type);
      byName.put(schema.getFullName(), schema);
    });
    return byName;
  }
}
