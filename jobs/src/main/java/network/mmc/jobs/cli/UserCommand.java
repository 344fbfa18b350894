package network.mmc.jobs.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.console.ConsoleUser;
import network.mmc.jobs.console.ConsoleUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage web console users (OPS and FINANCE).",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Password.class,
                UserCommand.Disable.class})
class UserCommand {

    private static final String PASSWORD_SOURCE = "The password is read from the terminal (asked twice) or, without"
            + " one, from the first line of stdin; never from an argument, where other users and the shell history"
            + " would see it.";

    /** Asks twice on a terminal; reads one line from stdin otherwise ({@code printf '%s\n' "$PW" | mmc-hub …}). */
    static char[] readPassword(String username) {
        Console terminal = System.console();
        if (terminal != null) {
            char[] first = terminal.readPassword("Password for %s: ", username);
            char[] second = terminal.readPassword("Same password again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords differ (or none was typed): nothing changed");
            }
            Arrays.fill(second, ' ');
            return first;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on stdin: give it as the first line of stdin, or run"
                        + " the command on a terminal to be asked for it");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the password from stdin: " + e.getMessage(), e);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a console user. " + PASSWORD_SOURCE)
    static class Create implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The sign-in name: 1 to 64 letters, digits or . _ @ -.")
        String username;

        @Option(names = "--role", required = true, description = "OPS (everything) or FINANCE (reads only).")
        Role role;

        Create(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            char[] password = readPassword(username);
            try {
                ConsoleUser user = runtime.bean(ConsoleUsers.class).create(username, role, password);
                spec.commandLine().getOut().printf("console user '%s' created with role %s (id %d)%n",
                        user.getUsername(), user.getRole(), user.getId());
                return 0;
            } finally {
                Arrays.fill(password, ' ');
            }
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Set a console user's password (and unlock the account). " + PASSWORD_SOURCE)
    static class Password implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user's sign-in name.")
        String username;

        Password(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            char[] password = readPassword(username);
            try {
                runtime.bean(ConsoleUsers.class).changePassword(username, password);
                spec.commandLine().getOut().printf("password of console user '%s' changed%n", username);
                return 0;
            } finally {
                Arrays.fill(password, ' ');
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every console user: name, role, created, last sign-in, locked until, disabled.")
    static class ListUsers implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        ListUsers(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            List<ConsoleUser> users = runtime.bean(ConsoleUsers.class).list();
            PrintWriter out = spec.commandLine().getOut();
            if (users.isEmpty()) {
                out.println("no console users yet: create one with `user create NAME --role OPS|FINANCE`");
                return 0;
            }
            out.printf("%-24s %-8s %-20s %-20s %-20s %s%n", "NAME", "ROLE", "CREATED (UTC)", "LAST SIGN-IN (UTC)",
                    "LOCKED UNTIL (UTC)", "DISABLED (UTC)");
            users.forEach(u -> out.printf("%-24s %-8s %-20s %-20s %-20s %s%n", u.getUsername(), u.getRole(),
                    TableCells.time(u.getCreatedAt()), TableCells.time(u.getLastSignInAt()),
                    TableCells.time(u.getLockedUntil()), TableCells.time(u.getDisabledAt())));
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a console user: sign-ins are refused from then on.")
    static class Disable implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user's sign-in name.")
        String username;

        Disable(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            ConsoleUser user = runtime.bean(ConsoleUsers.class).disable(username);
            spec.commandLine().getOut().printf("console user '%s' disabled at %s%n", user.getUsername(),
                    TableCells.time(user.getDisabledAt()));
            return 0;
        }
    }
}
