package io.callbill.api.web;

import io.callbill.api.reference.ReferenceDataWriter;
import io.callbill.api.web.reply.ReferenceViews;
import io.callbill.api.web.request.AgencyRequest;
import io.callbill.api.web.request.CallerRequest;
import io.callbill.api.web.request.Inputs;
import io.callbill.api.web.request.LevelConfigRequest;
import io.callbill.api.web.request.PlatformConfigRequest;
import io.callbill.api.web.request.ReceiverRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin writes of reference data. Each PUT is a full replacement, answered with the stored object once durable in
 * Kafka; billing-streams applies it within moments.
 */
@RestController
@RequestMapping("/admin")
@Tag(name = "Admin: reference data")
public class AdminReferenceDataController {

  /** Highest level number. */
  public static final int MAX_LEVEL = ReceiverRequest.MAX_LEVEL;

  private final ReferenceDataWriter referenceData;

  public AdminReferenceDataController(ReferenceDataWriter referenceData) {
    this.referenceData = referenceData;
  }

  @PutMapping("/level-configs/{level}")
  @Operation(summary = "Rates of a receiver level (per minute; decimals up to 4 places)")
  public CompletableFuture<ResponseEntity<ApiResponse>> putLevelConfig(@PathVariable("level") String level,
      @RequestBody LevelConfigRequest body) {
    var config = body.toLevelConfig(levelNumber(level));
    return referenceData.putLevelConfig(config)
        .thenApply(written -> saved("Level configuration saved", ReferenceViews.of(config)));
  }

  @PutMapping("/platform-config")
  @Operation(summary = "Platform settings: minCallCoins and adminSharePercentage")
  public CompletableFuture<ResponseEntity<ApiResponse>> putPlatformConfig(@RequestBody PlatformConfigRequest body) {
    var config = body.toPlatformConfig();
    return referenceData.putPlatformConfig(config)
        .thenApply(written -> saved("Platform configuration saved", ReferenceViews.of(config)));
  }

  @PutMapping("/callers/{id}")
  @Operation(summary = "A caller's profile and block list")
  public CompletableFuture<ResponseEntity<ApiResponse>> putCaller(@PathVariable("id") String id,
      @RequestBody CallerRequest body) {
    var caller = body.toCaller(Inputs.id("callerId", id));
    return referenceData.putCaller(caller)
        .thenApply(written -> saved("Caller saved", ReferenceViews.of(caller)));
  }

  @PutMapping("/receivers/{id}")
  @Operation(summary = "A receiver's profile: level, agency, online status, review, block list")
  public CompletableFuture<ResponseEntity<ApiResponse>> putReceiver(@PathVariable("id") String id,
      @RequestBody ReceiverRequest body) {
    var receiver = body.toReceiver(Inputs.id("receiverId", id));
    return referenceData.putReceiver(receiver)
        .thenApply(written -> saved("Receiver saved", ReferenceViews.of(receiver)));
  }

  @PutMapping("/agencies/{id}")
  @Operation(summary = "An agency")
  public CompletableFuture<ResponseEntity<ApiResponse>> putAgency(@PathVariable("id") String id,
      @RequestBody AgencyRequest body) {
    var agency = body.toAgency(Inputs.id("agencyId", id));
    return referenceData.putAgency(agency)
        .thenApply(written -> saved("Agency saved", ReferenceViews.of(agency)));
  }

  static int levelNumber(String level) {
    if (level == null || !level.matches("\\d{1,9}")) {
      throw new BadRequestException("level", "level must be a whole number from 0 to " + MAX_LEVEL);
    }
    return Inputs.number("level", Integer.valueOf(level), 0, MAX_LEVEL);
  }

  private static ResponseEntity<ApiResponse> saved(String message, Object stored) {
    return ResponseEntity.ok(ApiResponse.ok(message, stored));
  }
}
