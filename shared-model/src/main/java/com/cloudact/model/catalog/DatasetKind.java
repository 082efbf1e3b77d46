package com.cloudact.model.catalog;

/** Where a catalog table lives: once in the central {@code organizations} dataset, or in every org's dataset. */
public enum DatasetKind {
    CENTRAL, ORG
}
