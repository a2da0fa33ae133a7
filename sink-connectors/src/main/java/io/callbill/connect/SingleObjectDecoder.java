package io.callbill.connect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads Avro single-object encoding ({@code C3 01}, the writer schema's CRC-64-AVRO fingerprint in little endian,
 * then the binary datum) into a generic record of the <em>current</em> schema of its type.
 *
 * <p>Why generic records: the converter runs inside Connect's plugin class loader, where reflection on generated
 * classes buys nothing; generic data with the decimal and timestamp conversions gives exact {@link java.math.BigDecimal}
 * and {@link java.time.Instant} values. The writer schema comes from the store by fingerprint (every released version
 * is there), the reader schema is the current schema of the same full name, and Avro's schema resolution fills
 * fields added since with their defaults. One reader is built per fingerprint and kept.
 */
final class SingleObjectDecoder {

  static final int HEADER_LENGTH = 10;
  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private static final GenericData MODEL = exactModel();

  private final SchemaStore writers;
  private final Map<String, Schema> readersByName;
  private final Map<Long, GenericDatumReader<GenericRecord>> readersByFingerprint = new ConcurrentHashMap<>();

  /**
   * @param writers finds writer schemas by fingerprint
   * @param readersByName the current schema of each record type, by full name
   */
  SingleObjectDecoder(SchemaStore writers, Map<String, Schema> readersByName) {
    this.writers = writers;
    this.readersByName = Map.copyOf(readersByName);
  }

  /** Decodes one message; the returned record has the current (reader) schema of its type. */
  GenericRecord decode(String topic, byte[] message) {
    if (message.length < HEADER_LENGTH || message[0] != MARKER_0 || message[1] != MARKER_1) {
      throw new DataException("Record on " + topic + " is not Avro single-object encoded (no C3 01 header)");
    }
    long fingerprint = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    GenericDatumReader<GenericRecord> reader = readersByFingerprint.computeIfAbsent(fingerprint,
        key -> resolvingReader(topic, key));
    BinaryDecoder decoder = DecoderFactory.get()
        .binaryDecoder(message, HEADER_LENGTH, message.length - HEADER_LENGTH, null);
    try {
      return reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new DataException("Cannot decode a " + reader.getExpected().getFullName() + " on " + topic, e);
    }
  }

  private GenericDatumReader<GenericRecord> resolvingReader(String topic, long fingerprint) {
    Schema writer = writers.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new DataException("Record on " + topic + " was written with an unknown schema (fingerprint "
          + Long.toHexString(fingerprint) + "): is that schema version released in callbill-schemas?");
    }
    Schema reader = readersByName.get(writer.getFullName());
    if (reader == null) {
      throw new DataException("Record on " + topic + " is a " + writer.getFullName()
          + ", which has no current schema in callbill-schemas");
    }
    return new GenericDatumReader<>(writer, reader, MODEL);
  }

  /** Generic data that reads decimals as BigDecimal and timestamp-millis as Instant, never as raw bytes/longs. */
  private static GenericData exactModel() {
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    return model;
  }
}
