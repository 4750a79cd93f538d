// Steps 5-8 of the build: process the media of the pages that passed, render them, verify the
// rendered bytes and every written image, and write the site atomically with its build record.
#pragma once
#include <filesystem>

#include "pipeline/pipeline.h"

namespace sg::pipeline {

void publish(const Site& site, const std::filesystem::path& out, int jobs, Result& result);

}  // namespace sg::pipeline
