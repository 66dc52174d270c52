//! Integration tests: the real binary, run in a fresh temporary folder per test.

mod architecture;
mod board_pack;
mod calendar;
mod check;
mod comparison;
mod deadline;
mod edges;
mod exports;
mod harness;
mod install;
mod markdown;
mod markets;
mod messages;
mod populations;
mod print;
mod readme;
mod redact_harness;
mod redress;
mod reliability;
mod report;
mod sample;
mod sources;
mod workbook;
