//! Tests of the checks, on texts made for each.
