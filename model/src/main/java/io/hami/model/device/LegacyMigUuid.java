package io.hami.model.device;

import java.util.Optional;

/**
 * The device UUID HAMi's scheduler wrote into an allocation entry for a MIG instance before v2.10:
 * {@code <GPU UUID>[<template index>-<position>]}, e.g. {@code GPU-a[1-0]}, naming the GPU, the geometry of its
 * {@code knownMigGeometries} and the template's position in it. HAMi v2.10 neither writes nor reads it (its
 * {@code ExtractMigTemplatesFromUUID} is kept but unused); such an entry names no registered device. Our scheduler
 * recognizes it so that a MIG GPU still held by a pod scheduled that way is not taken for free
 * (docs/scheduler.md, "Usage of scheduled pods").
 *
 * @param gpuUuid       the physical GPU, non-empty
 * @param templateIndex the geometry's index, 0 or more
 * @param position      the template's position in the geometry, 0 or more
 */
public record LegacyMigUuid(String gpuUuid, int templateIndex, int position) {

    public LegacyMigUuid {
        Checks.nonEmptyText(gpuUuid, "gpuUuid");
        Checks.nonNegative(templateIndex, "templateIndex");
        Checks.nonNegative(position, "position");
    }

    /**
     * The parts of {@code uuid} when it has the form exactly: a non-empty GPU UUID without brackets, then {@code [},
     * two decimal numbers of at most nine digits joined by {@code -}, and {@code ]} at the end; empty otherwise.
     */
    public static Optional<LegacyMigUuid> parse(String uuid) {
        int open = uuid.indexOf('[');
        if (open <= 0 || !uuid.endsWith("]") || uuid.indexOf(']') != uuid.length() - 1) {
            return Optional.empty();
        }
        String inner = uuid.substring(open + 1, uuid.length() - 1);
        int dash = inner.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String template = inner.substring(0, dash);
        String position = inner.substring(dash + 1);
        if (!isIndex(template) || !isIndex(position)) {
            return Optional.empty();
        }
        return Optional.of(new LegacyMigUuid(uuid.substring(0, open), Integer.parseInt(template),
                Integer.parseInt(position)));
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The form HAMi wrote, e.g. {@code GPU-a[1-0]}. */
    @Override
    public String toString() {
        return gpuUuid + "[" + templateIndex + "-" + position + "]";
    }
}
