package io.callbill.api.config;

import io.callbill.api.security.ReviewAcceptedInterceptor;
import io.callbill.api.security.Role;
import io.callbill.api.view.ReceiverDirectory;
import java.math.BigDecimal;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON and MVC settings. Request bodies bind strictly: no string-to-number or number-to-string coercion, no
 * fractional durations, no trailing tokens. Decimals are written as plain JSON numbers without trailing zeros
 * ({@code 0.70000000} as {@code 0.7}).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

  private final ReceiverDirectory receivers;

  public WebConfig(ReceiverDirectory receivers) {
    this.receivers = receivers;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ReviewAcceptedInterceptor(receivers)).addPathPatterns(Role.RECEIVER.routePattern());
  }

  @Bean
  JsonMapperBuilderCustomizer strictJson() {
    SimpleModule decimals = new SimpleModule("callbill-decimals");
    decimals.addSerializer(BigDecimal.class, new PlainDecimalSerializer());
    return builder -> builder
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // Numbers and booleans are not strings either (an id sent as 42 is refused, not read as "42").
        .withCoercionConfig(LogicalType.Textual, strings -> strings
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .addModule(decimals);
  }

  /** {@code 36.00} as {@code 36}, {@code 0.70000000} as {@code 0.7}; never exponent notation. */
  static final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {
    PlainDecimalSerializer() {
      super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
      generator.writeNumber(value.stripTrailingZeros().toPlainString());
    }
  }
}
