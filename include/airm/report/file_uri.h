// File URIs for links to local files: OpenLineage's dataset and source-code
// URIs, and the model card's links to the reports a run wrote.
#pragma once

#include <string>

namespace airm::report {

// "file:///a%20b/c.csv" for an absolute path: RFC 3986 unreserved
// characters and '/' kept, everything else percent-encoded.
std::string FileUri(const std::string& abs_path);

}  // namespace airm::report
