package network.mmc.jobs.apiusers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import network.mmc.jobs.apikeys.ApiKey;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API users' credits: OPS grant them, FINANCE and OPS read them, each API user reads its own. */
@RestController
class CreditsController {

    private static final int MAX_ENTRIES = 1_000;

    private final ApiUsers users;
    private final CreditLedger ledger;

    CreditsController(ApiUsers users, CreditLedger ledger) {
        this.users = users;
        this.ledger = ledger;
    }

    record GrantRequest(long amount, String reason) {
    }

    /** A user's credits and the newest entries of its ledger, newest first. */
    record CreditsView(CreditSummary credits, List<CreditEntry> entries) {
    }

    @Operation(summary = "Grant credits to an API user", description = "Adds `amount` (1 to 10^12) to the balance with"
            + " a GRANT ledger entry naming the reason and the key that granted it.")
    @ApiResponse(responseCode = "201", description = "The user's credits after the grant")
    @ApiResponse(responseCode = "404", description = "No such API user")
    @PostMapping("/api/users/{name}/credits")
    @RequiresRole(Role.OPS)
    @ResponseStatus(HttpStatus.CREATED)
    CreditsView grant(@Parameter(hidden = true) @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key,
                      @PathVariable String name, @RequestBody GrantRequest request) {
        ApiUser user = users.find(name);
        ledger.grant(user, request.amount(), request.reason(), "api key " + key.getId() + " (" + key.getLabel() + ")");
        return view(user, 1);
    }

    @Operation(summary = "An API user's credits and its latest ledger entries")
    @ApiResponse(responseCode = "200", description = "Balance, granted, held, spent, and the entries newest first")
    @ApiResponse(responseCode = "404", description = "No such API user")
    @GetMapping("/api/users/{name}/credits")
    @RequiresRole(Role.FINANCE)
    CreditsView credits(@PathVariable String name, @RequestParam(defaultValue = "50") int limit) {
        return view(users.find(name), limit);
    }

    @Operation(summary = "The calling API user's own credits and latest ledger entries")
    @GetMapping("/api/credits")
    @RequiresRole(Role.API_USER)
    CreditsView own(@Parameter(hidden = true) @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key,
                    @RequestParam(defaultValue = "50") int limit) {
        return view(users.byId(key.getApiUserId()), limit);
    }

    private CreditsView view(ApiUser user, int limit) {
        if (limit < 1 || limit > MAX_ENTRIES) {
            throw new IllegalArgumentException("limit " + limit + " must be from 1 to " + MAX_ENTRIES);
        }
        return new CreditsView(ledger.summary(user), ledger.entries(user, limit));
    }
}
