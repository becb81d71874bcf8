-- phpMyAdmin SQL Dump
-- version 5.2.1
-- https://www.phpmyadmin.net/
--
-- Hôte : localhost
-- Généré le : mar. 14 nov. 2023 à 10:12
-- Version du serveur : 10.5.21-MariaDB-0+deb11u1
-- Version de PHP : 8.2.7

SET FOREIGN_KEY_CHECKS=0;
SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
START TRANSACTION;
SET time_zone = "+00:00";


/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;

--
-- Base de données : `pod`
--

-- --------------------------------------------------------

--
-- Structure de la table `video_type`
--

CREATE TABLE IF NOT EXISTS `video_type` (
  `id` int(11) NOT NULL,
  `title` varchar(100) NOT NULL,
  `title_fr` varchar(100) DEFAULT NULL,
  `title_en` varchar(100) DEFAULT NULL,
  `title_nl` varchar(100) DEFAULT NULL,
  `slug` varchar(100) NOT NULL,
  `description` longtext DEFAULT NULL,
  `description_fr` longtext DEFAULT NULL,
  `description_en` longtext DEFAULT NULL,
  `description_nl` longtext DEFAULT NULL,
  `icon_id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

--
-- Tronquer la table avant d'insérer `video_type`
--

TRUNCATE TABLE `video_type`;
--
-- Déchargement des données de la table `video_type`
--

INSERT IGNORE INTO `video_type` (`id`, `title`, `title_fr`, `title_en`, `title_nl`, `slug`, `description`, `description_fr`, `description_en`, `description_nl`, `icon_id`) VALUES
(1, 'Cours', 'Cours', 'Lecture', 'College', 'cours', '<p>Un cours</p>', '<p>Un cours</p>', '<p>A lecture</p>', NULL, NULL),
(2, 'Conférence « ouverte » 🎓', 'Conférence « ouverte » 🎓', 'Open talk', NULL, 'conference-ouverte', 'Des conférences; ouvertes -- à tous /* pas un commentaire */', NULL, NULL, 'Lezingen', NULL),
(3, 'L\'atelier \\ \"démo\"', 'L\'atelier \\ \"démo\"', NULL, NULL, 'atelier-demo', 'Ligne 1\r\nLigne 2', NULL, NULL, NULL, 12);

-- --------------------------------------------------------

--
-- Structure de la table `video_channel`
--

CREATE TABLE IF NOT EXISTS `video_channel` (
  `id` int(11) NOT NULL,
  `title` varchar(100) NOT NULL,
  `title_fr` varchar(100) DEFAULT NULL,
  `title_en` varchar(100) DEFAULT NULL,
  `title_nl` varchar(100) DEFAULT NULL,
  `slug` varchar(100) NOT NULL,
  `description` longtext NOT NULL,
  `description_fr` longtext DEFAULT NULL,
  `description_en` longtext DEFAULT NULL,
  `description_nl` longtext DEFAULT NULL,
  `color` varchar(10) DEFAULT NULL,
  `style` longtext DEFAULT NULL,
  `visible` tinyint(1) NOT NULL,
  `headband_id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

TRUNCATE TABLE `video_channel`;

INSERT IGNORE INTO `video_channel` (`id`, `title`, `title_fr`, `title_en`, `title_nl`, `slug`, `description`, `description_fr`, `description_en`, `description_nl`, `color`, `style`, `visible`, `headband_id`) VALUES
(1, 'Sciences', 'Sciences', 'Science', 'Wetenschap', 'sciences', '', NULL, NULL, NULL, '#ffffff', NULL, 1, NULL),
(2, 'Lettres', 'Lettres', 'Humanities', NULL, 'lettres', 'La chaîne des lettres', NULL, NULL, NULL, NULL, NULL, 0, NULL);

CREATE TABLE IF NOT EXISTS `video_channel_sites` (
  `id` int(11) NOT NULL,
  `channel_id` int(11) NOT NULL,
  `site_id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

TRUNCATE TABLE `video_channel_sites`;

INSERT IGNORE INTO `video_channel_sites` (`id`, `channel_id`, `site_id`) VALUES
(1, 1, 1),
(2, 2, 1);

CREATE TABLE IF NOT EXISTS `video_videorendition` (
  `id` int(11) NOT NULL,
  `resolution` varchar(50) NOT NULL,
  `minrate` varchar(50) NOT NULL,
  `video_bitrate` varchar(50) NOT NULL,
  `maxrate` varchar(50) NOT NULL,
  `audio_bitrate` varchar(50) NOT NULL,
  `encode_mp4` tinyint(1) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

TRUNCATE TABLE `video_videorendition`;

INSERT IGNORE INTO `video_videorendition` (`id`, `resolution`, `minrate`, `video_bitrate`, `maxrate`, `audio_bitrate`, `encode_mp4`) VALUES
(1, '640x360', '500k', '750k', '1000k', '96k', 1),
(2, '1280x720', '1000k', '2000k', '3000k', '128k', 1);

--
-- Index pour les tables déchargées
--

--
-- Index pour la table `video_type`
--
ALTER TABLE `video_type`
  ADD PRIMARY KEY (`id`),
  ADD UNIQUE KEY `title` (`title`),
  ADD UNIQUE KEY `slug` (`slug`),
  ADD KEY `video_type_icon_id_b4aa0630_fk_main_customimagemodel_id` (`icon_id`);

--
-- Index pour la table `video_channel`
--
ALTER TABLE `video_channel`
  ADD PRIMARY KEY (`id`),
  ADD UNIQUE KEY `title` (`title`),
  ADD UNIQUE KEY `slug` (`slug`);

--
-- AUTO_INCREMENT pour les tables déchargées
--

--
-- AUTO_INCREMENT pour la table `video_type`
--
ALTER TABLE `video_type`
  MODIFY `id` int(11) NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=4;

--
-- Contraintes pour les tables déchargées
--

--
-- Contraintes pour la table `video_type`
--
ALTER TABLE `video_type`
  ADD CONSTRAINT `video_type_icon_id_b4aa0630_fk_main_customimagemodel_id` FOREIGN KEY (`icon_id`) REFERENCES `main_customimagemodel` (`id`);
SET FOREIGN_KEY_CHECKS=1;
COMMIT;

/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
