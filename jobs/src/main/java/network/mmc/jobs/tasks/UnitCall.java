package network.mmc.jobs.tasks;

/**
 * What is sent to a node for one unit: {@code POST <endpoint><path>} with {@code body} as {@code contentType}. An
 * answer longer than {@code answerBytes} is not read (and is WRONG_RESULT): the exact length a right answer has.
 */
public record UnitCall(String path, String contentType, byte[] body, int answerBytes) {
}
