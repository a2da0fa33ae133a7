package io.callbill.api.web;

import io.callbill.api.history.CallExplanation;
import io.callbill.api.history.CallHistoryRepository;
import io.callbill.api.web.request.Inputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A party's own call explained: the caller or the receiver sees the record, rates, times and durations, and only her
 * own ledger entries (no other party's balance). Someone else's call, or one the sink has not written, is 404: the
 * answer does not tell whether the call exists. Only ids shaped like billing's ({@code call_...}) match, so the
 * action routes beside them ({@code /male-user/calls/start}, ...) keep their 405 for a GET.
 */
@RestController
@Tag(name = "Calls: explanation")
public class CallExplanationController {

  private final CallHistoryRepository history;

  public CallExplanationController(CallHistoryRepository history) {
    this.history = history;
  }

  @GetMapping("/male-user/calls/{callId:call_.+}")
  @Operation(summary = "The caller's own call explained, with his own ledger entries")
  public ResponseEntity<ApiResponse> callersCall(@AuthenticationPrincipal Jwt user,
      @PathVariable("callId") String callId) {
    return answer(explained(callId, call -> call.callerId().equals(user.getSubject())), "caller");
  }

  @GetMapping("/female-user/calls/{callId:call_.+}")
  @Operation(summary = "The receiver's own call explained, with her own ledger entries")
  public ResponseEntity<ApiResponse> receiversCall(@AuthenticationPrincipal Jwt user,
      @PathVariable("callId") String callId) {
    return answer(explained(callId, call -> call.receiverId().equals(user.getSubject())), "receiver");
  }

  private Optional<CallExplanation> explained(String callId, Predicate<CallExplanation.Call> own) {
    return history.explain(Inputs.id("callId", callId)).filter(explanation -> own.test(explanation.call()));
  }

  private static ResponseEntity<ApiResponse> answer(Optional<CallExplanation> explanation, String userType) {
    return explanation
        .map(found -> ResponseEntity.ok(ApiResponse.ok(null, found.seenBy(userType))))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
            .body(ApiResponse.failure(AdminCallsController.CALL_NOT_FOUND)));
  }
}
