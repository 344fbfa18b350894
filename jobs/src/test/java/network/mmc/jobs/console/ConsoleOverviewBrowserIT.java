package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.jobs.support.ConsoleBrowser;
import network.mmc.jobs.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing in and out in a real browser, and the overview each role sees. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOverviewBrowserIT extends HubIntegrationTest {

    private static final String PASSWORD = "overview password";

    @Autowired
    ConsoleUsers users;

    @Autowired
    SchedulerControl scheduler;

    @TempDir
    static Path downloads;

    private ConsoleBrowser browser;

    @BeforeAll
    void start() {
        users.create("overview-ops", Role.OPS, PASSWORD.toCharArray());
        users.create("overview-finance", Role.FINANCE, PASSWORD.toCharArray());
        scheduler.install();
        browser = new ConsoleBrowser(port, downloads);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void eachRoleSignsInSeesTheOverviewAndSignsOut() {
        browser.open("/");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        browser.screenshot("console-sign-in");

        browser.signIn("overview-ops", PASSWORD);
        assertThat(browser.text(By.id("signed-in-as"))).isEqualTo("overview-ops");
        assertThat(browser.text(By.id("signed-in-role"))).isEqualTo("OPS");
        assertThat(browser.text(By.cssSelector("h1"))).startsWith("Overview");
        assertThat(browser.text(By.id("next-fires"))).contains("settlement");
        assertThat(browser.text(By.id("online-nodes"))).contains("COMPUTING");
        browser.screenshot("console-overview-ops");
        browser.signOut();

        browser.signIn("overview-finance", PASSWORD);
        assertThat(browser.text(By.id("signed-in-role"))).isEqualTo("FINANCE");
        browser.signOut();
        browser.open("/");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
    }

    @Test
    void aWrongPasswordShowsTheRefusalOnTheForm() {
        browser.open("/login");
        browser.driver().findElement(By.name("username")).sendKeys("overview-ops");
        browser.driver().findElement(By.name("password")).sendKeys("wrong password!");
        browser.driver().findElement(By.id("sign-in")).click();
        assertThat(browser.text(By.id("sign-in-failed"))).contains("Sign-in failed");
    }
}
