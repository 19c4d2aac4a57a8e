//! Tests of the review model.
