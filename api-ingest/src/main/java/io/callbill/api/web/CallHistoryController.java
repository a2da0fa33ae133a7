package io.callbill.api.web;

import io.callbill.api.history.CallHistoryRepository;
import io.callbill.api.history.PageRequest;
import io.callbill.api.web.request.HistoryQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * History and stats of both sides, read from the database the JDBC sink fills (so they show a call moments after
 * it settled). The user is always the token's subject: nobody reads another user's calls. Roles are enforced by the
 * security chain ({@code /male-user/**} callers, {@code /female-user/**} receivers with their review accepted).
 */
@RestController
@Tag(name = "History")
public class CallHistoryController {

  private final CallHistoryRepository history;

  public CallHistoryController(CallHistoryRepository history) {
    this.history = history;
  }

  @GetMapping("/male-user/calls/history")
  @Operation(summary = "The caller's calls, newest first, with each receiver's name and image")
  public ResponseEntity<HistoryResponse> callerHistory(@AuthenticationPrincipal Jwt user,
      @Parameter(description = "calls per page, 1 to 100 (default 50)") @RequestParam(required = false) String limit,
      @Parameter(description = "calls to skip, 0 to 100000 (default 0)") @RequestParam(required = false) String skip) {
    PageRequest page = new HistoryQuery(limit, skip).toPage();
    return ResponseEntity.ok(HistoryResponse.of(history.callerHistory(user.getSubject(), page), page));
  }

  @GetMapping("/male-user/calls/stats")
  @Operation(summary = "Totals over the caller's completed calls: totalCalls, totalDuration, totalCoinsSpent")
  public ResponseEntity<ApiResponse> callerStats(@AuthenticationPrincipal Jwt user) {
    return ResponseEntity.ok(ApiResponse.ok(null, history.callerStats(user.getSubject())));
  }

  @GetMapping("/female-user/calls/history")
  @Operation(summary = "The receiver's calls, newest first, with each caller's name and image")
  public ResponseEntity<HistoryResponse> receiverHistory(@AuthenticationPrincipal Jwt user,
      @Parameter(description = "calls per page, 1 to 100 (default 50)") @RequestParam(required = false) String limit,
      @Parameter(description = "calls to skip, 0 to 100000 (default 0)") @RequestParam(required = false) String skip) {
    PageRequest page = new HistoryQuery(limit, skip).toPage();
    return ResponseEntity.ok(HistoryResponse.of(history.receiverHistory(user.getSubject(), page), page));
  }

  @GetMapping("/female-user/calls/stats")
  @Operation(summary = "Totals over the receiver's completed calls: totalCalls, totalDuration, totalCoinsSpent, "
      + "totalEarnings")
  public ResponseEntity<ApiResponse> receiverStats(@AuthenticationPrincipal Jwt user) {
    return ResponseEntity.ok(ApiResponse.ok(null, history.receiverStats(user.getSubject())));
  }
}
