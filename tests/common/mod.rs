//! Helpers shared by the integration tests.

pub mod liquid_model;
