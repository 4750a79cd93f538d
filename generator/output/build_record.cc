#include "output/build_record.h"

#include <nlohmann/json.hpp>

namespace sg::output {

std::string BuildRecord::to_json() const {
    nlohmann::json record;
    record["version"] = 1;
    record["date"] = date;
    record["pages"] = nlohmann::json::array();
    for (const auto& page : pages) {
        nlohmann::json photos = nlohmann::json::array();
        for (const auto& photo : page.photos)
            photos.push_back({{"src", photo.src},
                              {"outputs", photo.outputs},
                              {"people", photo.people},
                              {"declaration", photo.declaration}});
        record["pages"].push_back({{"source", page.source}, {"url", page.url}, {"hash", page.hash}, {"photos", photos}});
    }
    record["withheld"] = nlohmann::json::array();
    for (const auto& item : withheld) record["withheld"].push_back({{"source", item.source}, {"rules", item.rules}});
    return record.dump(2) + "\n";
}

}  // namespace sg::output
