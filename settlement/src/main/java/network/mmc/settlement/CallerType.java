package network.mmc.settlement;

/** Who made a call: a paying user, a validator probe, or the Hub paying a validator for a round. */
public enum CallerType {
    API_USER,
    VALIDATOR,
    HUB
}
