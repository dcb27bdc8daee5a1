package io.intake.core.sla;

/** How a severity's deadline clock runs. */
public enum ClockMode {
    /** Only the open time of a named business calendar counts. */
    BUSINESS,
    /** Real elapsed time, around the clock (24/7 technical support). */
    WALL_CLOCK
}
