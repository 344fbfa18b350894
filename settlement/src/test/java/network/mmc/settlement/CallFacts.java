package network.mmc.settlement;

/** Test-data builder: {@code aCall().forNode("n").byUser("U1").succeeded().withCredits(100).build()}. */
final class CallFacts {

    private String nodeId = "node";
    private CallerType callerType = CallerType.API_USER;
    private String callerWallet;
    private CallStatus status = CallStatus.SUCCESS;
    private long credits;

    static CallFacts aCall() {
        return new CallFacts();
    }

    CallFacts forNode(String node) {
        this.nodeId = node;
        return this;
    }

    CallFacts byUser(String wallet) {
        this.callerType = CallerType.API_USER;
        this.callerWallet = wallet;
        return this;
    }

    CallFacts byValidator() {
        this.callerType = CallerType.VALIDATOR;
        this.callerWallet = null;
        return this;
    }

    CallFacts withStatus(CallStatus callStatus) {
        this.status = callStatus;
        return this;
    }

    CallFacts succeeded() {
        return withStatus(CallStatus.SUCCESS);
    }

    CallFacts withCredits(long amount) {
        this.credits = amount;
        return this;
    }

    CallFact build() {
        return new CallFact(nodeId, callerType, callerWallet, status, credits);
    }
}
