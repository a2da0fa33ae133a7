package io.callbill.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build-time schema gate. For every topic value type:
 * <ul>
 *   <li>the current schema reads every released version (backward compatibility), and</li>
 *   <li>the current schema is itself released, so its fingerprint can be resolved by every reader.</li>
 * </ul>
 * To release a changed schema run {@code ./mvnw -pl schemas test -Dcallbill.releaseSchemas=true}: it appends the
 * next version file and the INDEX line under {@code src/main/resources}, only when the change is compatible.
 */
class SchemaCompatibilityTest {

  private static final boolean RELEASE = Boolean.getBoolean("callbill.releaseSchemas");
  private static final Path RELEASED_SOURCES = Path.of("src/main/resources" + SchemaCatalog.RELEASED_DIR);

  @TestFactory
  List<DynamicTest> currentSchemaReadsEveryReleasedVersion() {
    return SchemaCatalog.TOPIC_VALUE_TYPES.stream()
        .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
          Schema current = schemaOf(type);
          for (Schema released : SchemaCatalog.instance().released(current.getFullName())) {
            SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
            assertThat(result.getType())
                .as("%s cannot read a released version: %s", type.getSimpleName(), result.getDescription())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
          }
        }))
        .toList();
  }

  @TestFactory
  List<DynamicTest> currentSchemaIsReleased() {
    return SchemaCatalog.TOPIC_VALUE_TYPES.stream()
        .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
          Schema current = schemaOf(type);
          List<Schema> released = SchemaCatalog.instance().released(current.getFullName());
          boolean isReleased = released.stream().anyMatch(s -> fingerprint(s) == fingerprint(current));
          if (!isReleased && RELEASE) {
            release(current, released.size() + 1);
            return;
          }
          assertThat(isReleased)
              .as("%s changed but was not released: run ./mvnw -pl schemas test -Dcallbill.releaseSchemas=true",
                  type.getSimpleName())
              .isTrue();
        }))
        .toList();
  }

  private static void release(Schema schema, int version) throws IOException {
    String path = SchemaCatalog.releasedPath(schema.getFullName(), version);
    Path file = RELEASED_SOURCES.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
    Files.writeString(RELEASED_SOURCES.resolve("INDEX"), path + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static Schema schemaOf(Class<? extends SpecificRecordBase> type) {
    return SpecificData.get().getSchema(type);
  }

  private static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }
}
