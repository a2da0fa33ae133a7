package io.callbill.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallType;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.StartCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final CallbillSerdes serdes = CallbillSerdes.create();

  @Test
  void roundTripsACommandOnSingleObjectEncoding() {
    CallCommand command = CallCommand.newBuilder()
        .setCommandId("cmd-1").setCallerId("caller-1").setIssuedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setCommand(StartCall.newBuilder().setReceiverId("receiver-1").setCallType(CallType.audio).build())
        .build();

    byte[] bytes = serdes.callCommand().encode(command);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(serdes.callCommand().decode(bytes)).isEqualTo(command);
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(serdes.activeCall().encode(null)).isNull();
    assertThat(serdes.activeCall().decode(null)).isNull();
  }

  @Test
  void decimalsKeepTheirExactValue() {
    PlatformConfig config = PlatformConfig.newBuilder().setMinCallCoins(5)
        .setAdminSharePercentage(new BigDecimal("62.5000")).build();

    assertThat(serdes.platformConfig().decode(serdes.platformConfig().encode(config)).getAdminSharePercentage())
        .isEqualByComparingTo("62.5");
  }

  @Test
  void readsARecordWrittenWithAnOlderReleasedVersion() throws IOException {
    // An older writer: PlatformConfig before adminSharePercentage existed. Registered like a released version.
    Schema v0 = new Schema.Parser().parse("""
        {"type":"record","name":"PlatformConfig","namespace":"io.callbill.avro",
         "fields":[{"name":"minCallCoins","type":"long","default":0}]}""");
    SchemaCatalog catalog = SchemaCatalog.instance();
    ((org.apache.avro.message.SchemaStore.Cache) catalog.store()).addSchema(v0);
    GenericRecord old = new GenericData.Record(v0);
    old.put("minCallCoins", 7L);

    PlatformConfig read = new AvroSerde<>(PlatformConfig.class, catalog).decode(singleObject(v0, old));

    assertThat(read.getMinCallCoins()).isEqualTo(7L);
    assertThat(read.getAdminSharePercentage()).isNull();
  }

  @Test
  void refusesBytesOfAnUnknownSchema() {
    assertThatThrownBy(() -> serdes.platformConfig().decode(new byte[] {(byte) 0xC3, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0}))
        .isInstanceOf(SerializationException.class);
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC3);
    out.write(0x01);
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    for (int i = 0; i < 8; i++) {
      out.write((int) (fingerprint >>> (8 * i)) & 0xFF);
    }
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
