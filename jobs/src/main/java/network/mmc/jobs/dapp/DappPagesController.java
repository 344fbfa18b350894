package network.mmc.jobs.dapp;

import jakarta.servlet.http.HttpServletResponse;
import network.mmc.jobs.crypto.InvalidSignedRequestException;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The DApp's pages: connect a wallet (or type an address to only look), then the wallet's page. Reading is public, as
 * the API's reads are; what the page's buttons do is authorised by the wallet's signature, checked by the API.
 */
@Controller
class DappPagesController {

    private final WalletViews views;
    private final String hubId;

    DappPagesController(WalletViews views, @Value("${mmc.hub-id}") String hubId) {
        this.views = views;
        this.hubId = hubId;
    }

    @GetMapping("/dapp")
    String connect(Model model) {
        model.addAttribute("hubId", hubId);
        return "dapp/connect";
    }

    /** The look-up form of the connect page: a well-formed address goes to its page, anything else is named back. */
    @GetMapping("/dapp/wallet")
    String lookUp(@RequestParam(defaultValue = "") String address, Model model, HttpServletResponse response) {
        try {
            return "redirect:/dapp/wallet/" + SolanaAddress.parse("wallet", address.strip()).base58();
        } catch (InvalidSignedRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("address", address);
            return connect(model);
        }
    }

    @GetMapping("/dapp/wallet/{address}")
    String wallet(@PathVariable String address, @RequestParam(defaultValue = "1") int page, Model model) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, got " + page);
        }
        SolanaAddress wallet = SolanaAddress.parse("wallet", address);
        WalletView view = views.of(wallet, page - 1);
        if (page > 1 && view.statement().history().isEmpty()) {
            throw new NotFoundException("there is no page " + page + " of settled windows: wallet " + wallet
                    + " has " + view.statement().windows());
        }
        model.addAttribute("wallet", wallet.base58());
        model.addAttribute("hubId", hubId);
        model.addAttribute("view", view);
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (view.statement().windows() + WalletViews.HISTORY_SIZE - 1)
                / WalletViews.HISTORY_SIZE));
        return "dapp/wallet";
    }
}
